import os

from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Site

from demo.site_group import DEMO_PASSWORD, SITES, DemoBuilder


class Command(BaseCommand):
    help = (
        "建立演示站群（云州市人民政府、云州市体育局、青山县人民政府）及其栏目、文章和账号。重复运行不会改变已有数据。"
    )

    def handle(self, *args, **options):
        port = served_port()
        with transaction.atomic():
            DemoBuilder(self.stdout.write, port).build()
        # The builder back-dates pages with plain updates, and cached pages name the old port.
        caches["pages"].clear()
        self.stdout.write(self.style.SUCCESS("演示站群已就绪："))
        sites = {site.hostname: site for site in Site.objects.filter(hostname__in=[s["hostname"] for s in SITES])}
        for spec in SITES:
            self.stdout.write(f"  {spec['name']}: {sites[spec['hostname']].root_url}/")
        self.stdout.write(
            f"  管理后台: {sites[SITES[0]['hostname']].root_url}/admin/  用户名 admin  密码 {DEMO_PASSWORD}"
        )
        self.stdout.write(
            "  各站点角色账号（密码同上）：<站点>_editor 编辑、<站点>_chushen 初审、<站点>_shenhe 审核、"
            "<站点>_shenfa 审发、<站点>_admin 站点管理员、<站点>_xxgk 信息公开、<站点>_xxgkfzr 信息公开负责人、"
            "<站点>_hdjl 互动交流、<站点>_hdsh 互动审核、<站点>_fanyi 翻译；"
            "站点为 portal、sport、county"
        )


def served_port():
    """The port `make run` serves the demo on (PORT, as `make run` exports it): the sites are
    registered on it, so that the links built from a site's address reach the running server."""
    value = os.environ.get("PORT", "8000").strip()
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise CommandError(f"环境变量 PORT 应为 1 到 65535 之间的端口号，现在是“{value}”。")
    return int(value)
