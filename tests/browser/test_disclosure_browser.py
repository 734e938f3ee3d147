"""A citizen submits a disclosure request, tracks it and completes it (补正) in a real browser."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from disclosure import lifecycle
from disclosure.models import DisclosureRequest, DisclosureRequestPage
from tests.browser.conftest import new_portal
from tests.browser.test_interaction_browser import answer_captcha

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def form_url(transactional_db, live_server, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    site = new_portal()
    page = DisclosureRequestPage(title="依申请公开", slug="ysqgk", office="测试市人民政府办公室")
    site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return live_server.url + "/ysqgk/"


def test_submit_track_and_supplement(form_url, page, screenshot):
    page.goto(form_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("依申请公开")
    page.get_by_label("自然人", exact=True).check()
    page.get_by_label("申请人姓名或名称").fill("赵六")
    page.get_by_label("证件类型").select_option("resident_id")
    page.get_by_label("证件号码").fill("110105194912310021")  # wrong check digit
    page.get_by_label("联系电话").fill("13700000000")
    page.get_by_label("电子邮箱").fill("zhaoliu@example.com")
    page.get_by_label("通信地址").fill("测试市解放路3号")
    page.get_by_label("所需政府信息的名称或内容描述").fill("2025年本市公共体育场馆免费开放名单。")
    page.get_by_label("电子文本").check()
    page.get_by_label("电子邮件", exact=True).check()
    page.get_by_label("本人承诺所填信息真实有效").check()
    answer_captcha(page)
    page.get_by_role("button", name="提交申请").click()

    expect(page.locator(".form-field__error").first).to_contain_text("居民身份证号码校验位不正确")
    expect(page.get_by_label("申请人姓名或名称")).to_have_value("赵六")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("本人承诺所填信息真实有效").check()
    answer_captcha(page)
    page.get_by_role("button", name="提交申请").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("申请已提交")
    number = page.locator(".disclosure-receipt__number").inner_text()
    code = page.locator(".disclosure-receipt__code").inner_text()
    screenshot("disclosure-receipt")

    request = DisclosureRequest.objects.get(number=number)
    staff = get_user_model().objects.create_superuser("gkb", "gkb@example.com", "pw")
    lifecycle.request_supplement(request, staff, 10, "请写明需要哪几个区的场馆。", on=timezone.localdate())

    fresh = page.context.browser.new_context(locale="zh-CN")
    tracker = fresh.new_page()
    tracker.goto(form_url + "track/")
    tracker.get_by_label("申请编号").fill(number)
    tracker.get_by_label("查询码").fill("WRONG12345")
    tracker.get_by_role("button", name="查询").click()
    expect(tracker.locator(".form-errors")).to_contain_text("申请编号或查询码不正确")
    expect(tracker.locator(".disclosure-status")).to_have_count(0)

    tracker.get_by_label("申请编号").fill(number)
    tracker.get_by_label("查询码").fill(code)
    tracker.get_by_role("button", name="查询").click()
    expect(tracker.locator(".disclosure-status__value")).to_have_text("待补正")
    expect(tracker.locator(".disclosure-status")).to_contain_text("请写明需要哪几个区的场馆")
    tracker.get_by_label("补正内容").fill("城东区、城西区")
    tracker.get_by_role("button", name="提交补正").click()
    expect(tracker.locator(".disclosure-message")).to_contain_text("补正材料已提交")
    expect(tracker.locator(".disclosure-status__value")).to_have_text("办理中")
    fresh.close()
    request.refresh_from_db()
    assert request.status == "accepted"
    assert request.events.last().reason == "城东区、城西区"
