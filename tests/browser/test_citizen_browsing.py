"""A citizen reads the portal in a real browser: home, a column, an article, on desktop and phone."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, new_portal
from tests.conftest import add_article, column_at, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal_site(transactional_db):
    site = new_portal()
    news = column_at(site, "tzgg")
    for n in range(3):
        add_article(news, f"关于做好第{n + 1}季度政务公开工作的通知", days_ago=n, source="测试市人民政府办公室")
    home = site.root_page.specific
    home.body = [("latest_items", {"column": news, "title": "", "count": 5})]
    publish(home)
    return site


def test_citizen_goes_from_home_through_a_column_to_an_article(live_server, portal_site, page, screenshot):
    page.goto(live_server.url + "/")
    expect(page.locator(".site-header__name")).to_have_text("测试市人民政府")
    screenshot("citizen-home")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="通知公告").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("通知公告")
    items = page.locator(".item-list__item a")
    expect(items).to_have_count(3)
    expect(items.first).to_have_text("关于做好第1季度政务公开工作的通知")
    screenshot("citizen-column")

    items.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("关于做好第1季度政务公开工作的通知")
    expect(page.locator(".article__meta")).to_contain_text("来源：测试市人民政府办公室")
    expect(page.get_by_role("navigation", name="当前位置")).to_contain_text("通知公告")
    screenshot("citizen-article")


def test_pages_fit_a_phone_screen(live_server, portal_site, browser, screenshot):
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}, is_mobile=True)
    phone = context.new_page()
    for path in ("/", "/tzgg/"):
        phone.goto(live_server.url + path)
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    phone.screenshot(path=str(ARTIFACTS / "citizen-phone-column.png"), full_page=True)
    context.close()


def test_skip_link_moves_keyboard_focus_to_the_content(live_server, portal_site, page):
    page.goto(live_server.url + "/tzgg/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到主要内容")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
