from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from home.subsites import available_blueprints, create_subsite


class Command(BaseCommand):
    help = "新建站群中的一个网站：首页、蓝本中的栏目、责任单位、编辑与三审用户组及审核流程。"

    def add_arguments(self, parser):
        parser.add_argument("--hostname", required=True, help="域名，如 sport.example.gov.cn")
        parser.add_argument("--name", required=True, help="网站名称，如 云州市体育局")
        parser.add_argument("--blueprint", required=True, help="栏目蓝本：" + "、".join(available_blueprints()))
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--default", action="store_true", help="设为默认网站（主站）")

    def handle(self, *args, **options):
        try:
            site = create_subsite(
                options["hostname"], options["name"], options["blueprint"], options["port"], options["default"]
            )
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from error
        columns = site.root_page.get_descendants().count()
        self.stdout.write(self.style.SUCCESS(f"已创建网站“{site.site_name}”（{site.hostname}），栏目 {columns} 个。"))
