from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from monitoring.registry import CHECKS
from monitoring.tasks import run_checks


class Command(BaseCommand):
    help = "立即运行网站监测检查并打印汇总（与后台定时任务相同的检查）。"

    def add_arguments(self, parser):
        parser.add_argument("--site", help="只检查此域名的网站")
        parser.add_argument("--check", action="append", choices=sorted(CHECKS), help="只运行此项检查，可重复")

    def handle(self, *args, site=None, check=None, **options):
        if site and not Site.objects.filter(hostname=site).exists():
            raise CommandError(f"没有域名为 {site} 的网站。")
        summaries, failures = run_checks(check, site)
        for summary in summaries:
            self.stdout.write(
                f"{summary.site.site_name}（{summary.site.hostname}） {CHECKS[summary.check].label}："
                f"问题 {summary.found} 个，新增 {summary.new} 个，已解决 {summary.resolved} 个"
            )
        for failed_site, name in failures:
            self.stderr.write(
                f"{failed_site.site_name}（{failed_site.hostname}） {CHECKS[name].label}：运行失败，详见日志"
            )
        found = sum(s.found for s in summaries)
        self.stdout.write(self.style.SUCCESS(f"检查完成，共发现问题 {found} 个。"))
        if failures:
            raise CommandError(f"{len(failures)} 项检查运行失败。")
