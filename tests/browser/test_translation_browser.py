"""A translator opens the translation of an article in wagtail-localize's editor, translates its
title in the browser, publishes it, and readers see the English page."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import Locale, Page, Site
from wagtail_localize.operations import translate_object

from home.subsites import create_subsite
from mirrors.translators import create_mirror, translator_group
from tests.conftest import add_article, column_at, restore_wagtail_base

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "关于开展全民健身月活动的通知"
ENGLISH = "Notice on the National Fitness Month"


@pytest.fixture
def translation(transactional_db):
    restore_wagtail_base()
    en = Locale.objects.get_or_create(language_code="en")[0]
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    site = create_subsite("localhost", "测试市人民政府", "portal", is_default=True)
    notices = column_at(site, "tzgg")
    article = add_article(notices, TITLE, days_ago=1)
    create_mirror(site, en)
    translate_object(notices, [en])
    translate_object(article, [en])
    user = get_user_model().objects.create_user("translator", "t@example.gov.cn", "pw-Translator-1")
    user.groups.add(translator_group(site))
    return article.get_translation(en)


def test_translator_translates_and_publishes_a_title(live_server, translation, page, screenshot):
    translated = translation
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "translator")
    page.fill("#id_password", "pw-Translator-1")
    page.click("button[type=submit]")
    expect(page.locator("body")).to_contain_text("translator")
    page.goto(f"{live_server.url}/admin/pages/{translated.pk}/edit/")

    page.get_by_role("button", name="翻译").first.click()
    page.locator("textarea").first.fill(ENGLISH)
    page.get_by_role("button", name="保存").first.click()
    expect(page.locator("body")).to_contain_text(ENGLISH)
    screenshot("translator-editor")
    page.get_by_role("button", name="发布在English").click()
    expect(page.locator(".messages")).to_be_visible()

    page.goto(live_server.url + translated.get_url())
    expect(page.locator("h1")).to_contain_text(ENGLISH)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    screenshot("translator-published")
