"""搜索联想 in a real browser: the search box is a combobox that suggests as the reader types,
works with the keyboard alone and tells screen readers what it offers."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.browser.conftest import new_portal
from tests.conftest import add_article, column_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal(transactional_db):
    cache.clear()
    portal = new_portal()
    add_article(column_at(portal, "tzgg"), "关于开展城市排水防涝设施隐患排查的通知", days_ago=1)
    return portal


def test_suggestions_by_keyboard(live_server, portal, page):
    page.goto(live_server.url + "/")
    box = page.get_by_role("combobox", name="站内搜索")
    box.fill("排水防涝")
    listbox = page.get_by_role("listbox", name="搜索联想")
    expect(listbox).to_be_visible()
    option = listbox.get_by_role("option", name="关于开展城市排水防涝设施隐患排查的通知")
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="条搜索联想")).to_have_count(1)

    box.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("ArrowDown")  # opens the list again on the first suggestion
    box.press("Enter")
    expect(page).to_have_url(live_server.url + "/search/?q=" + quote("关于开展城市排水防涝设施隐患排查的通知"))
    expect(page.locator(".search-result")).to_have_count(1)
