"""A citizen writes to the mayor, tracks the letter and reads the published reply; another
follows a live interview whose transcript grows without reloading the page."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from home.models import Department
from interaction import letters
from interaction.models import Letter, TranscriptLine
from interaction.roles import HANDLERS, REVIEWERS, ensure_groups
from tests.browser.conftest import new_portal
from tests.test_captcha import answer_question
from tests.test_interaction_helpers import add_interview, add_mailbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(transactional_db, live_server, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return new_portal()


def answer_captcha(page):
    """Answers the text question beside the image, as a screen-reader user does (works against a
    server in another process too: nothing is read from its cache)."""
    page.get_by_label("验证码", exact=True).fill(answer_question(page.locator(".captcha").inner_html()))


def test_write_track_and_read_the_published_reply(site, live_server, page, screenshot):
    mailbox = add_mailbox(site)
    url = live_server.url + mailbox.relative_url(site)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("市长信箱")
    page.get_by_label("姓名", exact=True).fill("赵六")
    page.get_by_label("联系电话", exact=True).fill("电话号码")
    page.get_by_label("建议", exact=True).check()
    page.get_by_label("标题", exact=True).fill("建议体育公园增设<b>夜间照明</b>")
    page.get_by_label("来信内容", exact=True).fill("城东体育公园晚上没有照明。<script>alert(1)</script>")
    consent = page.get_by_label("同意公开来信内容和答复（不公开姓名和联系方式）")
    expect(consent).not_to_be_checked()  # publishing is the writer's explicit choice
    consent.check()
    answer_captcha(page)
    page.get_by_role("button", name="提交来信").click()

    expect(page.locator(".form-field__error").first).to_contain_text("联系电话格式不正确")
    expect(page.get_by_label("标题", exact=True)).to_have_value("建议体育公园增设<b>夜间照明</b>")
    expect(consent).to_be_checked()
    page.get_by_label("联系电话", exact=True).fill("13700000000")
    answer_captcha(page)
    page.get_by_role("button", name="提交来信").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("来信已提交")
    number = page.locator(".letter-receipt__number").inner_text()
    code = page.locator(".letter-receipt__code").inner_text()
    screenshot("interaction-letter-receipt")

    letter = Letter.objects.get(number=number)
    groups = ensure_groups(site)
    handler = get_user_model().objects.create_user("handler", "h@example.com", "pw")
    handler.groups.add(groups[HANDLERS])
    checker = get_user_model().objects.create_user("checker", "c@example.com", "pw")
    checker.groups.add(groups[REVIEWERS])
    handler, checker = (get_user_model().objects.get(pk=u.pk) for u in (handler, checker))
    letters.accept(letter, handler)
    letters.assign(letter, handler, Department.objects.get(site=site, name="政府办公室"))
    letters.draft(letter, handler, "照明改造已列入今年民生项目。")
    letters.approve(letter, checker)
    letters.send(letter, handler)
    # Only a public version, edited by staff and approved by another person, goes on the list.
    letters.edit_public_version(letter, handler, **letters.public_version_initial(letter))
    letters.approve_public_version(letter, checker)

    tracker = page.context.browser.new_context(locale="zh-CN").new_page()
    tracker.goto(url + "track/")
    tracker.get_by_label("信件编号").fill(number)
    tracker.get_by_label("查询码").fill(code)
    tracker.get_by_role("button", name="查询").click()
    expect(tracker.locator(".letter-status__value")).to_have_text("已答复")
    expect(tracker.locator(".letter-reply")).to_contain_text("照明改造已列入今年民生项目")

    tracker.goto(url + "replies/")
    expect(tracker.locator(".letter-public h2")).to_have_text("建议体育公园增设<b>夜间照明</b>")
    expect(tracker.locator(".letter-public__question")).to_contain_text("<script>alert(1)</script>")
    expect(tracker.locator(".letter-public")).not_to_contain_text("赵六")
    tracker.context.close()


def test_live_transcript_updates_without_reload(site, live_server, page):
    interview = add_interview(site)
    page.goto(live_server.url + interview.relative_url(site))
    expect(page.locator(".interview-state")).to_have_text("正在直播")
    page.evaluate("window.loadedOnce = true")
    TranscriptLine.objects.create(page=interview, role="guest", speaker="王明", text="城西体育公园明年开工。")
    expect(page.locator(".transcript__line")).to_have_count(1, timeout=10_000)
    expect(page.locator(".transcript__text")).to_have_text("城西体育公园明年开工。")
    assert page.evaluate("window.loadedOnce") is True  # the same page, not a reload
