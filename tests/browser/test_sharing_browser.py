"""信息报送 in a real browser: an editor of the sports bureau offers a published article to the
portal's 部门动态 from the article's admin page; a portal editor accepts it from the inbox as a
live reference; a reader finds it on the portal, credited to the sports bureau."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.models import Page, Site

from home.models import Department
from home.subsites import EDITORS, create_subsite, group_name
from sharing.models import ReceivingColumn
from tests.conftest import add_article, column_at, restore_wagtail_base

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Sharing-test-2026"  # noqa: S105
TITLE = "市体育局举办冬季全民健身运动会"


@pytest.fixture
def group(transactional_db):
    restore_wagtail_base()
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    # The portal is the default site, so the live server's own address (localhost) reaches it.
    portal = create_subsite("localhost", "测试市人民政府", "portal", is_default=True)
    sport = create_subsite("sport.localhost", "测试市体育局", "sport")
    ReceivingColumn.objects.create(site=portal, column=column_at(portal, "xwdt/bmdt"))
    article = add_article(
        column_at(sport, "qmjs/dtxx"),
        TITLE,
        department=Department.objects.filter(site=sport).first(),
        body=[("paragraph", "<p>运动会设跳绳、踢毽、健步走等十个项目。</p>")],
    )
    return portal, sport, article


def member(site, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.cn", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name(site.site_name, EDITORS)))
    return user


def log_in(page, base, username):
    page.goto(base + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).not_to_have_url(base + "/admin/login/")


def test_offer_from_sport_accept_on_the_portal_read_it_there(live_server, group, page, new_context, screenshot):
    portal, sport, article = group
    base = live_server.url
    member(sport, "sport_editor")
    member(portal, "portal_editor")

    # The sports bureau's editor offers the article from its admin page.
    log_in(page, base, "sport_editor")
    page.goto(f"{base}/admin/pages/{article.pk}/edit/")
    page.locator(".w-slim-header .w-dropdown__toggle, header .w-dropdown__toggle").first.click()
    page.get_by_role("link", name="报送", exact=True).click()
    page.get_by_label("报送到").select_option(label="测试市人民政府 · 部门动态")
    page.get_by_label("报送说明").fill("冬季全民健身运动会，请部门动态采用。")
    page.get_by_role("button", name="报送", exact=True).click()
    expect(page.locator(".messages .success")).to_contain_text("已报送到“测试市人民政府 · 部门动态”")
    expect(page.locator("table.listing")).to_contain_text("待采用")

    # A portal editor accepts it as a live reference from the inbox.
    editor = new_context().new_page()
    log_in(editor, base, "portal_editor")
    editor.goto(f"{base}/admin/sharing/inbox/")
    expect(editor.locator("table.listing").first).to_contain_text("冬季全民健身运动会，请部门动态采用。")
    editor.get_by_role("button", name="采用为引用").click()
    expect(editor.locator(".messages .success")).to_contain_text("已采用为引用")
    screenshot("sharing-inbox", editor)

    # A reader finds it in the portal's column and reads it there, credited to the sports bureau.
    reader = new_context().new_page()
    reader.goto(f"{base}/xwdt/bmdt/")
    reader.get_by_role("link", name=TITLE).click()
    expect(reader.locator("h1")).to_have_text(TITLE)
    expect(reader.locator(".article__origin")).to_contain_text("测试市体育局")
    expect(reader.locator(".article__body")).to_contain_text("跳绳、踢毽、健步走")
    assert reader.url.startswith(f"{base}/xwdt/bmdt/")
    screenshot("sharing-reference", reader)
