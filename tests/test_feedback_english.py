"""On the English mirror the 找错 link and the accessibility toolbar speak English (the gettext
catalogue, for the labels and for the messages the toolbar script announces); the Chinese site
keeps its Chinese labels."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Locale

from mirrors.translators import create_mirror
from tests.test_mirrors import committed


@pytest.fixture(scope="module", autouse=True)
def catalogues():
    call_command("compile_translations", verbosity=0)
    # Re-entering LOCALE_PATHS makes Django drop the catalogues it loaded before they were compiled.
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


@pytest.fixture
def english_home(portal, db):
    en = Locale.objects.get_or_create(language_code="en")[0]
    with committed():
        create_mirror(portal, en)
    return portal.root_page.get_translation(en)


def toolbar_texts(html):
    soup = BeautifulSoup(html, "html.parser")
    toolbar = soup.find(id="a11y-toolbar")
    buttons = [b.get_text(strip=True) for b in soup.select(".a11y-entry__button")]
    buttons += [b.get("aria-label") or b.get_text(strip=True) for b in toolbar.find_all("button")]
    groups = [g["aria-label"] for g in toolbar.find_all(attrs={"role": "group"})]
    messages = {k: v for k, v in toolbar.attrs.items() if k.startswith("data-msg-")}
    link = soup.find("p", class_="feedback-link").a.get_text(strip=True)
    return buttons, groups, messages, toolbar["aria-label"], link


def has_chinese(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_english_mirror_labels_are_english(client, portal, english_home):
    html = client.get(english_home.relative_url(portal), HTTP_HOST=portal.hostname).content.decode()
    buttons, groups, messages, region, link = toolbar_texts(html)
    assert "Accessibility" in buttons and "Senior mode" in buttons and "High contrast" in buttons
    assert region == "Accessibility toolbar" and groups == ["Text size", "Page zoom"]
    assert messages["data-msg-switch-on"] == "{name} on" and messages["data-msg-elder-on"] == "Senior mode on"
    assert link == "Report an error on this website"
    assert not [text for text in buttons + groups + list(messages.values()) + [region, link] if has_chinese(text)]


def test_chinese_site_keeps_chinese_labels(client, portal):
    html = client.get("/", HTTP_HOST=portal.hostname).content.decode()
    buttons, groups, messages, region, link = toolbar_texts(html)
    assert "无障碍" in buttons and "长者模式" in buttons and region == "无障碍工具条"
    assert messages["data-msg-switch-on"] == "{name}已开启" and link == "我为政府网站找错"
