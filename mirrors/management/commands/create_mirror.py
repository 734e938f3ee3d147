from django.core.management.base import BaseCommand, CommandError
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Site

from mirrors.translators import create_mirror, translator_group


class Command(BaseCommand):
    help = "为网站建立外文版：翻译网站首页，并让该站的翻译组管理外文版页面"

    def add_arguments(self, parser):
        parser.add_argument("--hostname", required=True, help="网站域名，如 localhost")
        parser.add_argument("--locale", required=True, help="语言代码，须在 WAGTAIL_CONTENT_LANGUAGES 中，如 en")

    def handle(self, *args, hostname, locale, **options):
        site = Site.objects.filter(hostname=hostname).first()
        if site is None:
            raise CommandError(f"没有域名为 {hostname} 的网站。")
        try:
            code = get_supported_content_language_variant(locale)
        except LookupError as error:
            raise CommandError(f"语言 {locale} 不在 WAGTAIL_CONTENT_LANGUAGES 中，请先在设置里加入。") from error
        target, _ = Locale.objects.get_or_create(language_code=code)
        mirror = create_mirror(site, target)
        group = translator_group(site).name
        self.stdout.write(
            f"{site.site_name} 的 {target.get_display_name()} 版首页：{mirror.url_path}（翻译组：{group}）"
        )
