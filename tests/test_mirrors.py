"""Foreign-language mirrors: the translator workflow in the admin (wagtail-localize), the
sync-status report and its exports, the monitoring check, background jobs and the demo."""

import io
from datetime import timedelta

import polib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from django.utils import timezone
from django_q.models import Task
from openpyxl import load_workbook
from wagtail.models import Locale, Page, PageLogEntry, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.operations import translate_object
from wagtail_localize.views import submit_translations

from demo import mirrors as demo
from home.subsites import create_subsite, group_name
from mirrors.jobs import DjangoQJobBackend
from mirrors.status import CURRENT, MISSING, STALE, stale_and_missing
from mirrors.translators import create_mirror, translator_group
from monitoring.models import Finding
from monitoring.registry import run_check
from tests.conftest import add_article, column_at, publish

REPORT = "/admin/mirrors/status/"


@pytest.fixture
def en(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def mirror(portal, en):
    with committed():
        return create_mirror(portal, en)


@pytest.fixture
def notices(portal):
    return column_at(portal, "tzgg")


def translate(page, locale):
    with committed():
        translate_object(page.specific, [locale])
    return page.get_translation(locale)


def committed():
    """wagtail-localize publishes translations when the transaction commits; tests run inside one."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.cn", "pw")
    user.groups.add(*groups)
    return user


@pytest.fixture
def translator(portal, mirror):
    return make_user("portal_translator", translator_group(portal))


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def _latest_publication(page):
    return PageLogEntry.objects.filter(page=page, action="wagtail.publish").latest("timestamp").pk


def report_row(response, title):
    """The text of the report's table row for the page titled `title`."""
    html = response.content.decode()
    start = html.index(f">{title}</a>")
    return html[start : html.index("</tr>", start)]


def translation_of(page, locale):
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


# The sync-status report


def test_source_published_again_turns_stale_and_sync_makes_it_current(translator_client, portal, en, notices):
    article = add_article(notices, "关于调整办事大厅工作时间的通知")
    translate(notices, en)
    translated = translate(article, en)
    response = translator_client.get(REPORT, {"site": portal.pk, "locale": "en"})
    assert "已同步" in report_row(response, article.title)

    # Translated ten days ago; the source edited and republished three days ago.
    source = translation_of(article, en).source
    TranslationSource.objects.filter(pk=source.pk).update(last_updated_at=days_ago(10))
    Page.objects.filter(pk=translated.pk).update(last_published_at=days_ago(10))
    article.summary = "自12月1日起执行冬季工作时间。"
    publish(article)
    PageLogEntry.objects.filter(pk=_latest_publication(article)).update(timestamp=days_ago(3))
    row = report_row(translator_client.get(REPORT, {"site": portal.pk, "locale": "en"}), article.title)
    assert "待同步" in row and "已过期 3 天" in row
    assert f"/admin/localize/update/{source.pk}/" in row

    with committed():
        response = translator_client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert response.status_code == 302
    row = report_row(translator_client.get(REPORT, {"site": portal.pk, "locale": "en"}), article.title)
    assert "已同步" in row and "待同步" not in row
    assert "自12月1日起执行冬季工作时间。" in article.get_translation(en).specific.summary


def test_report_sums_up_mirrored_and_current_core_pages(admin_client, portal, en, mirror, notices):
    current = add_article(notices, "关于开展消防安全检查的通知")
    stale = add_article(notices, "关于公布年度重点民生实事的公告")
    add_article(notices, "关于春节期间值班安排的通知")
    add_article(column_at(portal, "xwdt/bmdt"), "部门动态不是核心栏目的文章")
    for page in (notices, current, stale):
        translate(page, en)
    publish(stale)

    rows = {row.page.title: row for row in stale_and_missing(portal, en)}
    assert rows["关于公布年度重点民生实事的公告"].state == STALE
    assert rows["关于春节期间值班安排的通知"].state == MISSING
    assert "部门动态不是核心栏目的文章" not in rows and "关于开展消防安全检查的通知" not in rows

    response = admin_client.get(REPORT, {"site": portal.pk, "locale": "en"})
    html = response.content.decode()
    core_columns = 8  # the portal blueprint's core columns
    total = core_columns + 3
    assert f"核心页面 <strong>{total}</strong> 个" in html
    assert f"已翻译 <strong>3</strong> 个，占 <strong>{round(300 / total, 1)}%</strong>" in html
    assert f"译文已同步 <strong>2</strong> 个，占 <strong>{round(200 / total, 1)}%</strong>" in html
    assert group_name(portal.site_name, "翻译") in html
    assert f"/admin/localize/submit/page/{column_at(portal, 'zcwj').pk}/" in html


def test_report_exports_csv_and_xlsx(admin_client, portal, en, mirror, notices):
    translate(notices, en)
    csv_response = admin_client.get(REPORT, {"site": portal.pk, "locale": "en", "format": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    text = csv_response.content.decode("utf-8-sig")
    assert f"栏目,通知公告,{notices.url_path},已同步" in text
    assert "栏目,政策文件" in text and "未翻译" in text

    xlsx_response = admin_client.get(REPORT, {"site": portal.pk, "locale": "en", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    states = {row[1]: row[3] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert states["通知公告"] == "已同步"
    assert states["政策文件"] == "未翻译"


def test_report_shows_only_the_users_sites(client, portal, sport, en, mirror):
    sport_editor = make_user("sport_editor", Group.objects.get(name=group_name(sport.site_name, "编辑")))
    client.force_login(sport_editor)
    response = client.get(REPORT, {"site": portal.pk, "locale": "en"})
    assert response.status_code == 200
    assert portal.site_name not in response.content.decode()
    assert sport.site_name in response.content.decode()

    outsider = make_user("nobody")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(REPORT).status_code in (302, 403)


def test_monitoring_check_reports_stale_and_missing_core_pages(portal, en, mirror, notices):
    article = add_article(notices, "关于做好秋冬季森林防火工作的通知")
    translate(notices, en)
    translate(article, en)
    publish(article)
    run_check("mirror_sync", portal)
    titles = set(Finding.objects.filter(site=portal, check_name="mirror_sync").values_list("title", flat=True))
    assert "核心文章“关于做好秋冬季森林防火工作的通知”的English版已 0 天未同步" in titles
    assert "核心栏目“政策文件”没有English版" in titles
    assert not any("通知公告" in title for title in titles)


# Translators


def test_translator_cannot_edit_or_publish_source_pages(translator_client, portal, en, notices):
    article = add_article(notices, "关于开展安全生产月活动的通知")
    translated = translate(article, en)

    assert translator_client.get(f"/admin/pages/{translated.pk}/edit/").status_code == 200
    response = translator_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code in (302, 403)
    response = translator_client.post(
        f"/admin/pages/{article.pk}/edit/",
        {"title": "被译者改动的标题", "slug": article.slug, "action-publish": "publish"},
    )
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert article.title == "关于开展安全生产月活动的通知"
    assert not article.has_unpublished_changes
    assert translator_client.post(f"/admin/pages/{article.pk}/unpublish/").status_code in (302, 403)
    article.refresh_from_db()
    assert article.live


def test_po_round_trip_changes_the_mirror(translator_client, portal, en, notices):
    article = add_article(notices, "关于征集民生实事项目建议的公告")
    translate(notices, en)
    translated = translate(article, en)
    translation = translation_of(article, en)

    response = translator_client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    for entry in po:
        if entry.msgid == "关于征集民生实事项目建议的公告":
            entry.msgstr = "Call for Proposals on Projects for the People"
    upload = io.BytesIO(str(po).encode())
    upload.name = "agency.po"
    edit_url = f"/admin/pages/{translated.pk}/edit/"
    response = translator_client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload, "next": edit_url}, follow=True
    )
    assert "已导入PO文件中的译文" in response.content.decode()

    with committed():
        translator_client.post(edit_url, {"action": "publish"})
    translated.refresh_from_db()
    assert translated.title == "Call for Proposals on Projects for the People"
    page = translator_client.get(translated.relative_url(portal), HTTP_HOST=portal.hostname)
    assert "Call for Proposals on Projects for the People" in page.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "不是 UTF-8 编码的PO文件"),
        (b"this is a letter, not a translation file", "不是有效的PO文件"),
        (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', "缺少译文标识"),
    ],
)
def test_upload_that_is_not_our_po_file_is_refused(translator_client, portal, en, notices, content, message):
    article = add_article(notices, "关于开展全民健身日活动的通知")
    translate(article, en)
    translation = translation_of(article, en)
    upload = io.BytesIO(content)
    upload.name = "agency.po"
    response = translator_client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload}, follow=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "上传未成功，译文没有任何改动" in html and message in html
    assert not StringTranslation.objects.filter(locale=en, context__object=translation.source.object).exists()


def test_po_file_of_another_page_is_refused_and_changes_nothing(translator_client, portal, en, notices):
    first = add_article(notices, "关于第一季度重点工作的通报")
    second = add_article(notices, "关于第二季度重点工作的通报")
    translate(first, en)
    translate(second, en)
    other = translation_of(second, en)
    po = other.export_po()
    for entry in po:
        entry.msgstr = "Second quarter"
    upload = io.BytesIO(str(po).encode())
    upload.name = "second.po"
    translation = translation_of(first, en)
    response = translator_client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload}, follow=True
    )
    assert "是“关于第二季度重点工作的通报”（English）的译文，不能导入本页面" in response.content.decode()
    assert not StringTranslation.objects.filter(locale=en).exists()


def test_upload_without_a_file_is_refused(translator_client, portal, en, notices):
    article = add_article(notices, "关于开展读书月活动的通知")
    translate(article, en)
    translation = translation_of(article, en)
    response = translator_client.post(f"/admin/localize/translate/{translation.pk}/pofile/upload/", follow=True)
    assert "请选择要上传的PO文件" in response.content.decode()


def test_translator_of_another_site_cannot_upload(client, portal, sport, en, mirror, notices):
    article = add_article(notices, "关于城市道路维修的通知")
    translate(article, en)
    with committed():
        create_mirror(sport, en)
    client.force_login(make_user("sport_translator", translator_group(sport)))
    translation = translation_of(article, en)
    upload = io.BytesIO(str(translation.export_po()).encode())
    upload.name = "x.po"
    response = client.post(f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload})
    assert response.status_code in (302, 403)
    assert not StringTranslation.objects.filter(locale=en).exists()


# Background jobs


def test_subtree_translation_runs_as_a_django_q_task(
    monkeypatch, admin_client, portal, en, mirror, notices, django_capture_on_commit_callbacks
):
    articles = [add_article(notices, f"关于第{n}批政务服务事项清单的公告") for n in (1, 2)]
    monkeypatch.setattr(submit_translations, "background", DjangoQJobBackend({}))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/localize/submit/page/{notices.pk}/", {"locales": [en.pk], "include_subtree": "on"}
        )
    assert response.status_code == 302
    assert all(article.get_translation_or_none(en) for article in articles)
    assert Task.objects.filter(group="wagtail-localize", success=True).exists()


# Demo


def test_demo_seed_shows_current_stale_and_missing_and_is_idempotent(en):
    Site.objects.all().delete()
    site = create_subsite("localhost", "云州市人民政府", "portal", is_default=True)
    notices, news = column_at(site, "tzgg"), column_at(site, "xwdt/zwyw")
    for title in demo.CURRENT_ARTICLES[:2]:
        add_article(notices, title)
    add_article(news, demo.CURRENT_ARTICLES[2])
    add_article(notices, demo.STALE_ARTICLE, summary="拟评定10个窗口，公示期5个工作日。")
    add_article(notices, "关于开展冬季用电安全宣传的通知")

    with committed():
        demo.seed(log=lambda message: None)
    pages = Page.objects.count()
    with committed():
        demo.seed(log=lambda message: None)
    assert Page.objects.count() == pages

    problems = {row.page.title: row for row in stale_and_missing(site, en)}
    assert set(problems) == {demo.STALE_ARTICLE, "关于开展冬季用电安全宣传的通知"}
    assert problems[demo.STALE_ARTICLE].state == STALE
    assert problems[demo.STALE_ARTICLE].stale_days() == demo.EDITED_DAYS_AGO
    assert problems["关于开展冬季用电安全宣传的通知"].state == MISSING
    english = notices.get_translation(en)
    assert english.title == "Notices" and english.live
    assert CURRENT not in {row.state for row in problems.values()}
