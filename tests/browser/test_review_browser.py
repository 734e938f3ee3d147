"""三审 in a real browser: an editor of a sub-site writes an article in the admin and submits it;
the 初审, 审核 and 审发 reviewers approve it in turn; only then is it on the public site."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Page, Site

from home.models import ArticlePage
from home.subsites import EDITORS, REVIEW_STEPS, create_subsite, group_name
from tests.conftest import column_at, restore_wagtail_base

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Review-test-2026"  # noqa: S105
TITLE = "全民健身日系列活动报名开始"


@pytest.fixture
def sport(transactional_db):
    restore_wagtail_base()
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    # The default site too, so that the live server's own address (localhost) reaches it.
    return create_subsite("sport.localhost", "测试市体育局", "sport", is_default=True)


def member(site, role, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.cn", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name(site.site_name, role)))
    return user


def log_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).not_to_have_url(base + "/admin/login/")


def test_three_step_review_in_the_admin(live_server, sport, page, new_context, screenshot, settings):
    # Wagtail's autosave (every 500 ms) would race the submit button on a loaded CI machine:
    # a create request still in flight when the form is submitted makes a second page with the
    # same slug. The review steps are what this test is about.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    base = live_server.url
    column = column_at(sport, "qmjs/dtxx")
    member(sport, EDITORS, "sport_editor")
    for n, role in enumerate(REVIEW_STEPS):
        member(sport, role, f"sport_reviewer{n}")

    # The editor writes the article in a column of the sub-site and submits it.
    log_in(page, base, "sport_editor")
    page.goto(f"{base}/admin/pages/{column.pk}/")
    page.get_by_role("link", name="添加子页面").first.click()
    page.get_by_role("link", name="文章", exact=True).click()
    page.locator("#id_title").fill(TITLE)
    page.get_by_title("插入区块").first.click()
    page.get_by_role("option", name="正文").click()
    body = page.locator(".public-DraftEditor-content[contenteditable=true]")
    body.click()
    page.keyboard.type("9月12日至10月8日，全民健身日系列活动接受报名。")
    # Draftail copies its content into the form's hidden input a moment after typing stops.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("接受报名"))
    page.locator("footer .w-dropdown__toggle").click()
    page.get_by_role("button", name="提交给三审·测试市体育局").click()
    expect(page.locator(".messages .success")).to_contain_text("提交")
    screenshot("review-submitted")
    article = ArticlePage.objects.get(title=TITLE)
    citizen = new_context().new_page()
    public_url = f"http://sport.localhost:{base.rsplit(':', 1)[1]}{article.url}"

    # 初审, 审核 and 审发 approve it in turn from their dashboards; only the last step publishes.
    for n, role in enumerate(REVIEW_STEPS):
        assert not article.live
        assert citizen.goto(public_url).status == 404
        assert article.current_workflow_task.name == f"{role}·测试市体育局"
        reviewer = new_context().new_page()
        log_in(reviewer, base, f"sport_reviewer{n}")
        row = reviewer.locator("#awaiting-review-content tr", has_text=TITLE)
        expect(row).to_have_count(1)
        screenshot(f"review-{n + 1}-{role}-dashboard", reviewer)
        row.get_by_role("button", name="动作").click()
        row.get_by_role("button", name="批准", exact=True).click()
        expect(row).to_have_count(0)  # back on the dashboard, with nothing left to review
        reviewer.context.close()
        article.refresh_from_db()

    assert article.live
    citizen.goto(public_url)
    expect(citizen.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(citizen.locator(".article__body")).to_contain_text("全民健身日系列活动接受报名")
    screenshot("review-published", citizen)

    # The editor, still logged in, sees the live page with Wagtail's userbar, which the public
    # Content-Security-Policy lets load (its scripts and styles come from this origin).
    page.goto(base + article.url)
    expect(page.locator("wagtail-userbar")).to_have_count(1)
    page.locator("wagtail-userbar").get_by_role("button", name="查看Wagtail快捷动作").click()
    expect(page.locator("wagtail-userbar").get_by_role("menuitem").first).to_be_visible()
    screenshot("review-userbar")
