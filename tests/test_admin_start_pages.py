"""The admin's start page per role (issue 20): each role's panel lists its waiting work with links
to where it is done and an empty state otherwise, in a number of queries that does not grow with
the work; the project's own admin screens name themselves in their header and breadcrumbs."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.workdays import WorkCalendar, add_working_days
from disclosure.dashboard import due_requests_panel
from disclosure.deadlines import REPLY_DAYS
from home.dashboard import review_panel
from home.models import Department
from home.subsites import EDITORS, REVIEW_STEPS, SITE_ADMINS
from interaction.dashboard import letters_due_panel, moderation_panel
from interaction.models import Comment, Opinion
from monitoring.registry import run_check
from tests.conftest import add_article, column_at
from tests.test_disclosure_factories import handler, make_request, private_media  # noqa: F401
from tests.test_interaction_helpers import add_consultation, add_mailbox, make_letter, staff
from tests.test_review_and_permissions import member

pytestmark = pytest.mark.django_db
HOME = "/admin/"


def panel(client, panel_id):
    """The start page's panel of that id as (its text, [(link text, href)]), or None."""
    soup = BeautifulSoup(client.get(HOME).content, "html.parser")
    section = soup.find(id=f"{panel_id}-section") or soup.find(id=panel_id)
    if section is None:
        return None
    return section.get_text(" ", strip=True), [(a.get_text(strip=True), a["href"]) for a in section.find_all("a")]


def queries_to_render(make_panel, user):
    """Queries to build and render a panel (Wagtail's own 待审核 panel, also on the page, costs
    several queries per item upstream, so the page as a whole is not the measure)."""
    with CaptureQueriesContext(connection) as captured:
        assert make_panel(user).render_html()
    return len(captured.captured_queries)


def submit_for_review(site, title, editor):
    article = add_article(column_at(site, "gzdt"), title, live=False)
    article.get_workflow().start(article, editor)
    return article


def test_reviewers_see_the_pages_waiting_for_their_own_step(client, sport):
    editor = member(sport, EDITORS)
    first, second = (member(sport, role) for role in REVIEW_STEPS[:2])
    article = submit_for_review(sport, "体育公园夜间开放的通知", editor)

    client.force_login(first)
    text, links = panel(client, "awaiting_my_review")
    assert "体育公园夜间开放的通知" in text and "初审·测试市体育局" in text and "已等待" in text
    assert ("体育公园夜间开放的通知", reverse("wagtailadmin_pages:edit", args=[article.pk])) in links
    assert client.get(links[0][1]).status_code == 200  # the reviewer can open it and act there

    client.force_login(second)
    text, _ = panel(client, "awaiting_my_review")
    assert "体育公园夜间开放的通知" not in text and "目前没有等待您审核的页面" in text


def test_the_review_panel_costs_the_same_queries_however_many_pages_wait(client, sport):
    editor, reviewer = member(sport, EDITORS), member(sport, REVIEW_STEPS[0])
    submit_for_review(sport, "待审稿件一", editor)
    one = queries_to_render(review_panel, reviewer)
    for n in range(4):
        submit_for_review(sport, f"更多待审稿件{n}", editor)
    assert queries_to_render(review_panel, reviewer) == one


def received_due_in(working_days, today):
    """A receipt date whose 20-working-day reply deadline is `working_days` from today."""
    calendar, received = WorkCalendar(), today
    while add_working_days(received, REPLY_DAYS, calendar) > add_working_days(today, working_days, calendar):
        received -= timedelta(days=1)
    return received


def test_disclosure_staff_see_requests_due_within_three_working_days_and_overdue(client, portal, sport):
    today = timezone.localdate()
    soon = make_request(portal, received_on=received_due_in(2, today), description="两个工作日内到期的申请")
    late = make_request(portal, received_on=today - timedelta(days=60), description="早已超期的申请")
    make_request(portal, received_on=today, description="刚收到的申请")
    make_request(sport, received_on=today - timedelta(days=60), description="体育局的超期申请")

    client.force_login(handler(portal))
    text, links = panel(client, "disclosure_due")
    assert "两个工作日内到期的申请" in text and "早已超期的申请" in text and "已超期" in text
    assert "刚收到的申请" not in text and "体育局的超期申请" not in text
    assert text.index("早已超期") < text.index("两个工作日内")  # the most urgent first
    hrefs = [href for _, href in links]
    assert reverse("disclosure_request", args=[soon.pk]) in hrefs
    assert reverse("disclosure_request", args=[late.pk]) in hrefs

    client.force_login(handler(sport, "sport_handler"))
    assert "体育局的超期申请" in panel(client, "disclosure_due")[0]


def test_panel_queries_do_not_grow_with_the_work(portal):
    old, mailbox = timezone.localdate() - timedelta(days=60), add_mailbox(portal)
    article = add_article(column_at(portal, "xwdt/zwyw"), "全民健身中心开工")
    disclosure, interaction = handler(portal), staff(portal, "hdjl")

    def add_work():
        make_request(portal, received_on=old)
        make_letter(portal, mailbox, received_on=old)
        Comment.objects.create(site=portal, page=article, content="期待早日建成")

    add_work()
    panels = (due_requests_panel, disclosure), (letters_due_panel, interaction), (moderation_panel, interaction)
    [queries_to_render(make, user) for make, user in panels]  # the holiday calendar, read once a process
    before = [queries_to_render(make, user) for make, user in panels]
    for _ in range(4):
        add_work()
    assert [queries_to_render(make, user) for make, user in panels] == before


def test_interaction_staff_see_letters_due_and_posts_awaiting_moderation(client, portal, sport):
    mailbox = add_mailbox(portal)
    today = timezone.localdate()
    due = make_letter(portal, mailbox, subject="路灯不亮的反映")
    due.due_on = today + timedelta(days=1)
    due.save(update_fields=["due_on"])
    later = make_letter(portal, mailbox, subject="远未到期的建议")
    later.due_on = today + timedelta(days=30)
    later.save(update_fields=["due_on"])
    article = add_article(column_at(portal, "xwdt/zwyw"), "全民健身中心开工")
    Comment.objects.create(site=portal, page=article, content="期待早日建成")
    Opinion.objects.create(site=portal, page=add_consultation(portal), content="建议补充老年人健身内容")

    client.force_login(staff(portal, "hdjl"))
    text, links = panel(client, "letters_due")
    assert "路灯不亮的反映" in text and "远未到期的建议" not in text
    assert (due.number, reverse("interaction_letter", args=[due.pk])) in links
    text, links = panel(client, "posts_to_moderate")
    assert "期待早日建成" in text and "网民留言" in text and "建议补充老年人健身内容" in text and "征集意见" in text
    assert any(href.startswith(reverse("interaction_moderation", args=["opinion"])) for _, href in links)

    client.force_login(staff(sport, "sport_hdjl"))
    assert "没有已超期或 3 个工作日内到期的来信" in panel(client, "letters_due")[0]
    assert "没有待审核的留言、意见或访谈提问" in panel(client, "posts_to_moderate")[0]


def test_site_admins_see_columns_going_stale_with_their_department(client, sport):
    column = column_at(sport, "gzdt")
    add_article(column, "旧闻", days_ago=30)
    run_check("freshness", sport)

    client.force_login(member(sport, SITE_ADMINS))
    text, links = panel(client, "columns_going_stale")
    assert "工作动态" in text and "办公室" in text and "已 30 天未更新" in text
    assert ("工作动态", reverse("wagtailadmin_explore", args=[column.pk])) in links

    client.force_login(member(sport, EDITORS))
    assert panel(client, "columns_going_stale") is None


def test_monitoring_chart_of_a_site_without_findings_says_so(client, sport):
    client.force_login(member(sport, SITE_ADMINS))
    text, _ = panel(client, "monitoring-findings")
    assert "近 8 周没有发现问题" in text
    soup = BeautifulSoup(client.get(HOME).content, "html.parser")
    assert soup.find(id="monitoring-findings-section").find("svg", role="img") is None  # no empty chart


def test_no_avatar_is_requested_from_gravatar(client, sport):
    editor = member(sport, EDITORS)
    editor.email = "editor@example.gov.cn"  # what Wagtail would hash for gravatar.com
    editor.save()
    client.force_login(editor)
    assert "gravatar" not in client.get(HOME).content.decode()


@pytest.mark.parametrize(
    ("url", "crumbs"),
    [
        ("disclosure_requests:index", ["首页", "依申请公开"]),
        ("disclosure_document_review", ["首页", "公开文件审查"]),
        ("interaction_letters:index", ["首页", "来信办理"]),
        ("interaction_statistics", ["首页", "互动交流统计"]),
        ("monitoring_statistics", ["首页", "信息发布统计"]),
        ("monitoring_reports", ["首页", "季度监测报告"]),
        ("create_subsite", ["首页", "新建子站"]),
    ],
)
def test_own_admin_screens_name_themselves_in_their_breadcrumbs(admin_client, url, crumbs):
    soup = BeautifulSoup(admin_client.get(reverse(url)).content, "html.parser")
    items = [li.get_text(" ", strip=True) for li in soup.select(".w-breadcrumbs li")]
    assert items == crumbs


def test_a_request_detail_leads_back_to_the_queue(admin_client, portal):
    item = make_request(portal)
    soup = BeautifulSoup(admin_client.get(reverse("disclosure_request", args=[item.pk])).content, "html.parser")
    links = [(a.get_text(strip=True), a["href"]) for a in soup.select(".w-breadcrumbs a")]
    assert ("依申请公开", reverse("disclosure_requests:index")) in links
    assert item.number in soup.select(".w-breadcrumbs li")[-1].get_text(strip=True)


def test_publication_statistics_of_a_site_without_departments_say_so(client, sport):
    Department.objects.filter(site=sport).delete()
    client.force_login(member(sport, SITE_ADMINS))
    html = client.get(reverse("monitoring_statistics"), {"site": sport.pk}).content.decode()
    assert "该网站还没有责任单位，没有可统计的发布数量" in html
