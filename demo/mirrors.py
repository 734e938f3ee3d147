"""The English mirror of the demo portal (localhost): its home page, the core columns and a few
core articles translated and current, one article translated and then made stale by a later edit
of its Chinese source, and the other core articles not yet translated, so the sync-status report
shows all three states. Only what is missing is created: running it again changes nothing."""

import tomllib
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, PageLogEntry, Site
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import translate_object

from home.models import ArticlePage, ColumnPage
from mirrors.translators import TRANSLATORS, create_mirror, translator_group

PORTAL_HOSTNAME = "localhost"
CURRENT_ARTICLES = (
    "关于云湖区部分区域计划停水的通知",
    "关于市政府门户网站集约化平台系统升级暂停服务的公告",
    "全市优化营商环境工作推进会召开",
)
STALE_ARTICLE = "关于2026年度“十佳便民服务窗口”评选结果的公示"
# The stale article: translated 20 days ago, its Chinese source corrected and republished 6 days ago.
SYNCED_DAYS_AGO, EDITED_DAYS_AGO = 20, 6
STALE_EDIT = ("公示期5个工作日。", "公示期5个工作日，公示期间接受社会监督。")

ENGLISH = tomllib.loads((Path(__file__).parent / "mirrors_english.toml").read_text(encoding="utf-8"))["strings"]


def seed(log=print):
    add_translators()
    site = Site.objects.filter(hostname=PORTAL_HOSTNAME).first()
    if site is None:
        return
    locale, _ = Locale.objects.get_or_create(language_code="en")
    home = site.root_page
    if home.get_translation_or_none(locale) is not None:
        create_mirror(site, locale)  # keeps the translator group's rights in place
        return
    with transaction.atomic():
        started = timezone.now()
        create_mirror(site, locale)
        columns = ColumnPage.objects.live().descendant_of(home).filter(is_core=True).order_by("path")
        for column in columns:
            translate_object(column, [locale])
        articles = ArticlePage.objects.live().descendant_of(home).filter(title__in=(*CURRENT_ARTICLES, STALE_ARTICLE))
        for article in articles.order_by("path"):
            translate_object(article, [locale])
        for translation in Translation.objects.filter(target_locale=locale, created_at__gte=started):
            _apply_english(translation)
        # wagtail-localize publishes translations when the transaction commits: only then can the
        # stale article's translation be back-dated.
        stale = articles.get(title=STALE_ARTICLE)
        transaction.on_commit(lambda: _make_stale(stale, locale))
    log(f"{site.site_name}：已建立英文版（{len(columns)} 个核心栏目，{len(CURRENT_ARTICLES) + 1} 篇文章已翻译）")


def add_translators():
    """A translator account `<site>_fanyi` for each demo site, in the site's translator group (which
    gets its rights on a mirror when the site has one)."""
    from demo.site_group import DEMO_PASSWORD, SITES

    for spec in SITES:
        site = Site.objects.filter(hostname=spec["hostname"]).first()
        username = f"{spec['user_prefix']}_fanyi"
        if site is None or get_user_model().objects.filter(username=username).exists():
            continue
        user = get_user_model().objects.create_user(
            username, f"{username}@example.gov.cn", DEMO_PASSWORD, first_name=f"{site.site_name}{TRANSLATORS}"
        )
        user.groups.add(translator_group(site))


def _apply_english(translation):
    po = translation.export_po()
    for entry in po:
        entry.msgstr = ENGLISH.get(entry.msgid, "")
    translation.import_po(po, tool_name="demo")
    translation.save_target(publish=True)


def _make_stale(article, locale):
    """Back-date the article's translation, then correct and republish the Chinese source."""
    now = timezone.now()
    synced, edited = now - timedelta(days=SYNCED_DAYS_AGO), now - timedelta(days=EDITED_DAYS_AGO)
    TranslationSource.objects.filter(object_id=article.translation_key, locale=article.locale).update(
        last_updated_at=synced
    )
    Page.objects.filter(pk=article.get_translation(locale).pk).update(last_published_at=synced)
    article = article.specific
    article.summary = article.summary.replace(*STALE_EDIT)
    revision = article.save_revision()
    revision.publish()
    Page.objects.filter(pk=article.pk).update(last_published_at=edited)
    PageLogEntry.objects.filter(page=article, action="wagtail.publish", timestamp__gte=now).update(timestamp=edited)
