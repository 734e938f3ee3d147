"""A citizen asks 智能问答 in a real browser, from the box above every page's footer: a complete
answer with the sentence of its page, a partial one with the ways on, and no answer at all; the
pages pass axe-core in the standard and the elder-friendly modes."""

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from answers.models import FaqEntry
from tests.browser.conftest import format_violations, new_portal
from tests.conftest import add_article, column_at
from tests.test_interaction_helpers import add_mailbox

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def portal_with_faq(transactional_db):
    cache.clear()
    portal = new_portal()
    add_mailbox(portal)
    body = [
        ("paragraph", "<p>一、办理地点：各区社保服务大厅。</p>"),
        ("paragraph", "<p>二、补卡费用：首次补办免收工本费，再次补办每张收取工本费20元。</p>"),
    ]
    guide = add_article(
        column_at(portal, "bsfw/bszn"), "社会保障卡补办办事指南", summary="遗失后的补办流程。", body=body
    )
    FaqEntry.objects.create(
        site=portal,
        question="社保卡丢了怎么补办？",
        variants="补办社会保障卡\n社保卡挂失",
        answer="<p>携带身份证到就近的社保服务网点申请补办，当场挂失，10个工作日内领取新卡。</p>",
        source_page=guide,
        review_on=timezone.localdate() + timezone.timedelta(days=180),
    )
    return portal, guide


def ask_from_footer(page, question):
    box = page.get_by_role("searchbox", name="智能问答", exact=True)  # the box above every page's footer
    box.fill(question)
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("智能问答")


def test_a_citizen_asks_and_follows_the_cited_page(live_server, portal_with_faq, page, screenshot, axe):
    portal, guide = portal_with_faq
    page.goto(live_server.url + "/")
    ask_from_footer(page, "社保卡补办的工本费是多少")
    answer = page.locator(".answers-answer")
    expect(answer.get_by_role("heading", level=2)).to_have_text("社保卡丢了怎么补办？")
    expect(answer.locator(".answers-excerpt")).to_contain_text("再次补办每张收取工本费20元")
    expect(page.locator(".answers-partial")).to_have_count(0)
    screenshot("answers-complete")

    ask_from_footer(page, "社保卡补办要排队多久")
    expect(page.locator(".answers-partial")).to_contain_text("未必回答了您问的全部内容")
    ways = page.locator(".answers-none")
    expect(ways).to_contain_text("如果没有解决您的问题")
    expect(ways.get_by_role("link", name="写信咨询（市长信箱）")).to_be_visible()
    screenshot("answers-partial")

    ask_from_footer(page, "护照过期了在哪里换")
    expect(page.locator(".answers-none")).to_contain_text("暂时没有找到")

    ask_from_footer(page, "社保卡补办的工本费是多少")
    page.locator(".answers-source").get_by_role("link", name="社会保障卡补办办事指南").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("社会保障卡补办办事指南")

    # The standard mode, then the elder-friendly one (a cookie, kept by axe's browser context).
    for mode in ("", "&mode=elder"):
        for question in ("社保卡补办的工本费是多少", "社保卡补办要排队多久"):
            violations = axe(f"{live_server.url}/search/ask/?q={question}{mode}")
            assert violations == [], format_violations(violations)
