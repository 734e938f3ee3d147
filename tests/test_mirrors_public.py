"""What readers see of the mirrors: the language switcher and hreflang alternates link only to
live translations of the page, and mirror pages speak English through the gettext catalogue."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Locale

from mirrors.translators import create_mirror
from tests.conftest import add_article, column_at
from tests.test_mirrors import committed, translate


@pytest.fixture(scope="module", autouse=True)
def catalogues():
    call_command("compile_translations", verbosity=0)
    # Re-entering LOCALE_PATHS makes Django drop the catalogues it loaded before they were compiled.
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


@pytest.fixture
def en(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def mirror(portal, en):
    with committed():
        return create_mirror(portal, en)


def alternates(response):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode()))


def switcher_links(response):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', response.content.decode(), re.S)
    return re.findall(r'<a href="([^"]+)"', nav.group(0)) if nav else []


def test_switcher_and_hreflang_point_at_live_translations_only(client, portal, en, mirror):
    notices = column_at(portal, "tzgg")
    translated = add_article(notices, "关于开展交通安全宣传周活动的通知")
    untranslated = add_article(notices, "关于开展节能宣传周活动的通知")
    drafted = add_article(notices, "关于开展科普宣传周活动的通知")
    translate(notices, en)
    translate(translated, en)
    english_draft = translate(drafted, en)
    english_draft.unpublish()

    response = client.get(translated.relative_url(portal), HTTP_HOST=portal.hostname)
    english_url = translated.get_translation(en).relative_url(portal)
    assert switcher_links(response) == [english_url]
    assert alternates(response) == {
        "zh-Hans": f"http://{portal.hostname}{translated.relative_url(portal)}",
        "x-default": f"http://{portal.hostname}{translated.relative_url(portal)}",
        "en": f"http://{portal.hostname}{english_url}",
    }

    english = client.get(english_url, HTTP_HOST=portal.hostname)
    assert switcher_links(english) == [translated.relative_url(portal)]
    assert 'lang="en"' in english.content.decode()

    for page in (untranslated, drafted):
        response = client.get(page.relative_url(portal), HTTP_HOST=portal.hostname)
        assert switcher_links(response) == [] and alternates(response) == {}
    assert client.get(english_draft.relative_url(portal), HTTP_HOST=portal.hostname).status_code == 404


def test_mirror_pages_use_the_english_interface_strings(client, portal, en, mirror):
    notices = column_at(portal, "tzgg")
    translate(notices, en)
    english = client.get("/en/tzgg/", HTTP_HOST=portal.hostname).content.decode()
    assert "Skip to main content" in english and "Site search" in english and "You are here" in english
    assert "跳到主要内容" not in english
    chinese = client.get("/tzgg/", HTTP_HOST=portal.hostname).content.decode()
    assert "跳到主要内容" in chinese and "Skip to main content" not in chinese


def test_search_offers_the_languages_the_site_has(client, portal, sport, en, mirror):
    response = client.get("/search/", {"q": "通知"}, HTTP_HOST=portal.hostname)
    assert switcher_links(response) == ["/en/search/?q=%E9%80%9A%E7%9F%A5"]
    # The sports bureau has no English mirror: nothing to switch to.
    assert switcher_links(client.get("/search/", {"q": "通知"}, HTTP_HOST=sport.hostname)) == []
