import os

from django.core.cache import caches
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import DEMO_PASSWORD, SITES, DemoBuilder


class Command(BaseCommand):
    help = (
        "建立演示站群（云州市人民政府、云州市体育局、青山县人民政府）及其栏目、文章和账号。重复运行不会改变已有数据。"
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            DemoBuilder(self.stdout.write).build()
        # The builder back-dates pages with plain updates, which no cached page hears about.
        caches["pages"].clear()
        self.stdout.write(self.style.SUCCESS("演示站群已就绪："))
        port = os.environ.get("PORT", "8000")
        for spec in SITES:
            self.stdout.write(f"  {spec['name']}: http://{spec['hostname']}:{port}/")
        self.stdout.write(f"  管理后台: http://localhost:{port}/admin/  用户名 admin  密码 {DEMO_PASSWORD}")
        self.stdout.write(
            "  各站点角色账号（密码同上）：<站点>_editor 编辑、<站点>_chushen 初审、<站点>_shenhe 审核、"
            "<站点>_shenfa 审发、<站点>_admin 站点管理员、<站点>_xxgk 信息公开、<站点>_xxgkfzr 信息公开负责人、"
            "<站点>_hdjl 互动交流、<站点>_hdsh 互动审核；"
            "站点为 portal、sport、county"
        )
