"""A citizen searches the site group in a real browser: highlighted results, this site or every
site, opening a result, and the advice shown when nothing matches."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from home.subsites import create_subsite
from tests.browser.conftest import new_portal
from tests.conftest import add_article, column_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_group(transactional_db):
    cache.clear()
    portal = new_portal()
    sport = create_subsite("sport.localhost", "测试市体育局", "sport")
    add_article(column_at(portal, "tzgg"), "关于城东体育公园延长开放时间的通知", days_ago=1)
    add_article(column_at(portal, "tzgg"), "关于做好冬季供暖工作的通知", days_ago=2)
    add_article(column_at(sport, "gzdt"), "城西体育公园改造工程开工", days_ago=3)
    return portal, sport


def test_search_narrow_open_a_result_and_find_nothing(live_server, site_group, page, screenshot):
    page.goto(live_server.url + "/")
    page.get_by_role("search").get_by_label("站内搜索").fill("体育公园")
    page.get_by_role("search").get_by_label("站内搜索").press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("站内搜索")
    results = page.locator(".search-result")
    expect(results).to_have_count(1)  # this site only, by default
    expect(page.locator(".search-count")).to_contain_text("共找到 1 条结果")
    expect(results.first.get_by_role("heading")).to_have_text("关于城东体育公园延长开放时间的通知")
    marks = results.first.locator(".search-result__snippet mark")
    expect(marks.first).to_be_visible()
    assert "体育" in "".join(marks.all_inner_texts())
    screenshot("search-results")

    form = page.locator("form.search-form")
    form.get_by_label("范围").select_option(label="全部网站")
    form.get_by_role("button", name="搜索").click()
    expect(results).to_have_count(2)
    expect(page).to_have_url(re.compile(r"scope=all"))
    sport_result = results.filter(has_text="城西体育公园改造工程开工")
    expect(sport_result.locator(".search-result__meta")).to_contain_text("测试市体育局")
    screenshot("search-results-all-sites")

    form = page.locator("form.search-form")
    form.get_by_label("类型").select_option(label="文章")
    form.get_by_role("button", name="搜索").click()
    expect(page).to_have_url(re.compile(r"type=article"))
    expect(results).to_have_count(2)

    results.filter(has_text="城东体育公园").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("关于城东体育公园延长开放时间的通知")

    # Nothing matches: the reader is told what to try instead.
    box = page.get_by_role("search").get_by_label("站内搜索")
    box.fill("量子计算机")
    page.get_by_role("search").get_by_role("button", name="搜索").click()
    expect(page.locator(".search-result")).to_have_count(0)
    empty = page.locator(".search-empty")
    expect(empty).to_contain_text("没有找到与“量子计算机”相关的信息")
    expect(empty).to_contain_text("换用更简短、更常用的词语")
    expect(empty.get_by_role("link", name="在全部网站中搜索")).to_be_visible()
    screenshot("search-no-results")
