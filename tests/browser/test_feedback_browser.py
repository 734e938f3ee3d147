"""A reader finds an error on an article, follows 我为政府网站找错 at the foot of the page, reports it
with the address already filled in (in 长者模式 too, with no accessibility violation), keeps the
query code, and later reads the editors' answer on the tracking page."""

import pytest
from playwright.sync_api import expect

from feedback import cases
from feedback.models import ErrorReport, Outcome
from tests.browser.conftest import format_violations, new_portal
from tests.conftest import add_article, column_at
from tests.test_captcha import answer_question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db, live_server):
    return new_portal()


def test_report_an_error_from_the_page_and_read_the_answer(site, live_server, page, axe, screenshot):
    article = add_article(column_at(site, "xwdt/zwyw"), "市政府召开全市政务公开工作会议")
    article_url = live_server.url + article.relative_url(site)
    page.goto(article_url)
    seen = page.url  # the address as the browser shows it
    page.get_by_role("link", name="我为政府网站找错").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("我为政府网站找错")
    expect(page.get_by_label("出错页面地址")).to_have_value(seen)

    violations = axe(page.url)
    assert not violations, format_violations(violations)
    page.get_by_role("link", name="长者模式").click()
    expect(page.locator("html")).to_have_class("mode-elder")
    size = page.get_by_label("问题描述").evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 18

    page.get_by_label("错别字").check()
    page.get_by_label("问题描述").fill("第二段“政务公开”误写为“政务公干”。")
    page.get_by_label("联系电话").fill("电话")
    page.get_by_label("验证码", exact=True).fill(answer_question(page.locator(".captcha").inner_html()))
    page.get_by_role("button", name="提交").click()
    expect(page.locator(".form-field__error").first).to_contain_text("联系电话格式不正确")
    expect(page.get_by_label("问题描述")).to_have_value("第二段“政务公开”误写为“政务公干”。")
    page.get_by_label("联系电话").fill("13900001111")
    page.get_by_label("验证码", exact=True).fill(answer_question(page.locator(".captcha").inner_html()))
    page.get_by_role("button", name="提交").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("找错报告已提交")
    number = page.locator(".feedback-receipt__number").inner_text()
    code = page.locator(".feedback-receipt__code").inner_text()
    screenshot("feedback-receipt")
    report = ErrorReport.objects.get(number=number)
    assert report.page_id == article.pk
    cases.answer(report, None, Outcome.CORRECTED, "已更正，感谢您的指正。")

    reader = page.context.browser.new_context(locale="zh-CN").new_page()
    reader.goto(live_server.url + "/zhaocuo/track/")
    reader.get_by_label("报告编号").fill(number)
    reader.get_by_label("查询码").fill(code)
    reader.get_by_role("button", name="查询").click()
    expect(reader.locator(".letter-status__value")).to_have_text("已答复")
    expect(reader.get_by_text("已更正，感谢您的指正。")).to_be_visible()
    expect(reader.get_by_text("13900001111")).to_have_count(0)
