"""A reader switches a demo-like portal between Chinese and English in a real browser; an
administrator reads the mirror sync-status report."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect
from wagtail.models import Locale, Page, Site

from demo import mirrors as demo
from home.subsites import create_subsite
from tests.conftest import add_article, column_at, publish, restore_wagtail_base

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mirrored_portal(transactional_db):
    restore_wagtail_base()
    # Rows of data migrations that the flush after a transactional test removes.
    Locale.objects.get_or_create(language_code="en")
    Permission.objects.get_or_create(
        content_type=ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")[0],
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    site = create_subsite("localhost", "云州市人民政府", "portal", is_default=True)
    notices, news = column_at(site, "tzgg"), column_at(site, "xwdt/zwyw")
    for days, title in enumerate(demo.CURRENT_ARTICLES[:2], start=1):
        add_article(notices, title, days_ago=days, source="云州市人民政府办公室")
    add_article(news, demo.CURRENT_ARTICLES[2], days_ago=3)
    add_article(notices, demo.STALE_ARTICLE, days_ago=30, summary="拟评定10个窗口，公示期5个工作日。")
    add_article(notices, "关于开展冬季用电安全宣传的通知", days_ago=5)
    home = site.root_page.specific
    home.body = [("latest_items", {"column": notices, "title": "", "count": 5})]
    publish(home)
    demo.seed(log=lambda message: None)
    return site


def test_reader_switches_an_article_to_english_and_back(live_server, mirrored_portal, page, screenshot):
    page.goto(live_server.url + "/tzgg/")
    page.get_by_role("link", name="关于云湖区部分区域计划停水的通知").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("关于云湖区部分区域计划停水的通知")

    switcher = page.get_by_role("navigation", name="语言版本")
    switcher.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Planned Water Supply Interruption in Parts of Yunhu District"
    )
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation", name="You are here")).to_contain_text("Notices")
    assert "/en/tzgg/" in page.url
    screenshot("mirror-english-article")

    page.get_by_role("navigation", name="Language versions").get_by_role("link", name="简体中文").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("关于云湖区部分区域计划停水的通知")

    # An article nobody has translated offers no switch.
    page.goto(live_server.url + "/tzgg/")
    page.get_by_role("link", name="关于开展冬季用电安全宣传的通知").click()
    expect(page.get_by_role("navigation", name="语言版本")).to_have_count(0)


def test_administrator_reads_the_sync_status_report(live_server, mirrored_portal, page, screenshot):
    get_user_model().objects.create_superuser("admin", "admin@example.gov.cn", "Yunzhou-demo-2026")
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "Yunzhou-demo-2026")
    page.locator("form button[type=submit]").click()
    page.goto(live_server.url + "/admin/mirrors/status/?locale=en")
    expect(page.locator(".mirror-row--stale")).to_have_count(1)
    expect(page.locator(".mirror-row--stale")).to_contain_text("已过期 6 天")
    expect(page.locator(".mirror-row--missing")).to_contain_text("关于开展冬季用电安全宣传的通知")
    expect(page.locator(".mirror-row--current").first).to_be_visible()
    screenshot("mirror-sync-status")  # the copy in docs/screenshots/ comes from here
