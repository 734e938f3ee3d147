"""The 三审 workflow and the isolation of sub-sites in the admin, driven through the admin's HTTP views."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import ArticlePage, Department
from home.subsites import group_name
from tests.conftest import add_article, column_at


def member(site, role, username=None):
    user = get_user_model().objects.create_user(username or f"{site.hostname}-{role}", password="pw")
    user.groups.add(Group.objects.get(name=group_name(site.site_name, role)))
    return user


def article_form(title, action):
    return nested_form_data(
        {
            "title": title,
            "slug": "review-test",
            "date": "2026-11-20 09:30",
            "source": "测试市体育局",
            "author": "",
            "summary": "",
            "body": streamfield([("paragraph", rich_text("<p>全民健身活动报名开始。</p>"))]),
            "related_links": streamfield([]),
            action: "1",
        }
    )


def approve(client, user, page):
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": "同意"})
    assert response.status_code in (200, 302)
    return task_state.task.name


@pytest.mark.django_db
def test_a_page_goes_live_only_after_all_three_review_steps(client, sport):
    column = column_at(sport, "qmjs/dtxx")
    editor = member(sport, "编辑")
    client.force_login(editor)
    add_url = reverse("wagtailadmin_pages:add", args=["home", "articlepage", column.pk])

    # An editor has no publish button: trying to publish only saves a draft.
    client.post(add_url, article_form("全民健身日活动报名通知", "action-publish"))
    page = ArticlePage.objects.get(title="全民健身日活动报名通知")
    assert not page.live

    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), article_form("全民健身日活动报名通知", "action-submit")
    )
    page.refresh_from_db()
    assert page.current_workflow_state is not None
    assert page.current_workflow_state.workflow.name == "三审·测试市体育局"

    steps = []
    for role in ("初审", "审核"):
        steps.append(approve(client, member(sport, role), page))
        page.refresh_from_db()
        assert not page.live, f"page went live after only {steps}"
    steps.append(approve(client, member(sport, "审发"), page))
    page.refresh_from_db()
    assert steps == ["初审·测试市体育局", "审核·测试市体育局", "审发·测试市体育局"]
    assert page.live
    assert client.get(page.url, HTTP_HOST="sport.test").status_code == 200


@pytest.mark.django_db
def test_a_reviewer_of_another_site_cannot_approve(client, sport, portal):
    page = add_article(column_at(sport, "gzdt"), "局机关召开季度工作会", live=False)
    page.get_workflow().start(page, member(sport, "编辑"))
    outsider = member(portal, "初审")
    page.refresh_from_db()
    task_state = page.current_workflow_state.current_task_state
    client.force_login(outsider)
    client.post(reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]))
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"


@pytest.mark.django_db
def test_a_sub_site_editor_cannot_edit_or_publish_another_sites_pages(client, sport, portal):
    foreign = add_article(column_at(portal, "tzgg"), "市政府关于调整办公时间的通知")
    own = add_article(column_at(sport, "gzdt"), "体育局工作动态")
    client.force_login(member(sport, "编辑"))

    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:edit", args=[foreign.pk]))
    assert response.status_code in (302, 403)
    client.post(reverse("wagtailadmin_pages:edit", args=[foreign.pk]), article_form("篡改的标题", "action-publish"))
    client.post(reverse("wagtailadmin_pages:unpublish", args=[foreign.pk]))
    foreign.refresh_from_db()
    assert foreign.title == "市政府关于调整办公时间的通知" and foreign.live

    # Not in the explorer either.
    listing = client.get(reverse("wagtailadmin_explore", args=[portal.root_page_id]))
    assert "市政府关于调整办公时间的通知" not in listing.content.decode()


@pytest.mark.django_db
def test_departments_are_listed_and_editable_only_within_the_users_sites(client, sport, portal):
    site_admin = member(sport, "站点管理员")
    client.force_login(site_admin)
    index = client.get(reverse("wagtailsnippets_home_department:list")).content.decode()
    assert "群体司" in index
    assert "发展和改革委员会" not in index  # a department of the portal

    foreign = Department.objects.get(site=portal, name="发展和改革委员会")
    edit_url = reverse("wagtailsnippets_home_department:edit", args=[foreign.pk])
    assert client.get(edit_url).status_code in (302, 403)
    client.post(edit_url, {"site": portal.pk, "name": "被改名", "code": "X"})
    client.post(reverse("wagtailsnippets_home_department:delete", args=[foreign.pk]))
    foreign.refresh_from_db()
    assert foreign.name == "发展和改革委员会"

    create = client.get(reverse("wagtailsnippets_home_department:add")).content.decode()
    assert "测试市体育局" in create and "测试市人民政府" not in create


@pytest.mark.django_db
def test_page_editor_offers_only_departments_of_the_pages_site(client, sport, portal):
    client.force_login(member(sport, "编辑"))
    column = column_at(sport, "gzdt")
    html = client.get(reverse("wagtailadmin_pages:add", args=["home", "articlepage", column.pk])).content.decode()
    assert "群体司" in html
    assert "发展和改革委员会" not in html


@pytest.mark.django_db
def test_page_explorer_root_of_an_editor_is_their_site(client, sport, portal):
    client.force_login(member(sport, "编辑"))
    response = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    html = response.content.decode()
    assert reverse("wagtailadmin_explore", args=[sport.root_page_id]) in html
    assert reverse("wagtailadmin_explore", args=[portal.root_page_id]) not in html
