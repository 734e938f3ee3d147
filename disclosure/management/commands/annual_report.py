import json

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from disclosure.annual_report import report_for_site, write_xlsx


class Command(BaseCommand):
    help = "输出某网站某年度政府信息公开工作年度报告的统计表（JSON 或 Excel）。"

    def add_arguments(self, parser):
        parser.add_argument("--site", required=True, help="网站域名，如 sport.localhost")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("--output", help="Excel 文件路径，默认 annual-report-<域名>-<年度>.xlsx")

    def handle(self, *args, site, year, format, output, **options):
        found = Site.objects.filter(hostname=site).first()
        if found is None:
            raise CommandError(f"没有域名为 {site} 的网站。")
        report = report_for_site(found, year)
        if format == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        path = output or f"annual-report-{site}-{year}.xlsx"
        write_xlsx(report, path)
        self.stdout.write(f"已写入 {path}")
