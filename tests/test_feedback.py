"""我为政府网站找错: the link on every page, the form with the page address filled in, the case with
its deadline, the reply (tracking page and e-mail), the monitoring finding open until answered, the
monthly figures, the admin queue scoped by site, and bad input answered in Chinese."""

import re
from datetime import date, timedelta
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from casework.captcha import Challenge
from casework.workdays import add_working_days
from feedback import cases
from feedback.models import ErrorReport, FeedbackSettings, Outcome, ReportStatus
from home.subsites import EDITORS, group_name
from monitoring.models import Finding, FindingStatus
from tests.conftest import add_article, clear_caches, column_at

pytestmark = pytest.mark.django_db
FORM = "/zhaocuo/"
TOKEN_RE = re.compile(r'name="captcha_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def fresh_caches():
    clear_caches()


def answered_captcha(html):
    """What a person reading the captcha image would type, with the page's token."""
    token = TOKEN_RE.search(html).group(1)
    return {"captcha": Challenge(token).code, "captcha_token": token}


def report_data(url="http://portal.test/", **changes):
    data = {
        "page_url": url,
        "kind": "typo",
        "description": "“政务公开”误写为“政务公干”，在第二段。",
        "contact_name": "王先生",
        "contact_email": "wang@example.com",
        "contact_phone": "13900001111",
    }
    data.update(changes)
    return data


def submit(client, data, host="portal.test"):
    page = client.get(FORM, HTTP_HOST=host)
    return client.post(FORM, {**answered_captcha(page.content.decode()), **data}, HTTP_HOST=host)


def site_editor(site, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group_name(site.site_name, EDITORS)))
    return user


@pytest.fixture
def article(portal):
    return add_article(column_at(portal, "xwdt/zwyw"), "市政府召开政务公开工作会议")


def test_every_public_page_links_to_the_form_with_its_own_address(client, portal, article):
    html = client.get(article.url, HTTP_HOST="portal.test").content.decode()
    link = BeautifulSoup(html, "html.parser").find("a", string="我为政府网站找错")
    assert link is not None
    assert link["href"].startswith(FORM + "?url=")
    form = client.get(link["href"], HTTP_HOST="portal.test").content.decode()
    field = BeautifulSoup(form, "html.parser").find("input", attrs={"name": "page_url"})
    assert unquote(field["value"]) == unquote(article.full_url)


def test_submit_reply_and_track_with_the_finding_open_until_answered(client, portal, sport, article):
    url = article.full_url
    response = submit(client, report_data(url))
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert report.site == portal and report.page.pk == article.pk and report.status == ReportStatus.NEW
    assert report.due_on == add_working_days(report.received_on, 3)
    assert report.number.startswith(f"ZC{report.received_on:%Y}")

    thanks = client.get(response["Location"], HTTP_HOST="portal.test").content.decode()
    receipt = mail.outbox[0]
    code = receipt.body.split("查询码：")[1].split()[0]
    assert report.number in thanks and code in thanks and receipt.to == ["wang@example.com"]

    finding = Finding.objects.get(site=portal, check_name="feedback")
    assert finding.status == FindingStatus.OPEN and report.number in finding.title and finding.page_id == article.pk
    assert not Finding.objects.filter(site=sport, check_name="feedback").exists()

    # The site's editor answers in the admin.
    editor = site_editor(portal, "portal_editor_fb")
    client.force_login(editor)
    queue = client.get("/admin/feedback/").content.decode()
    assert report.number in queue
    detail = client.get(f"/admin/feedback/{report.pk}/").content.decode()
    assert "wang@example.com" in detail  # the site's staff see the contact
    response = client.post(
        f"/admin/feedback/{report.pk}/",
        {"outcome": Outcome.CORRECTED, "reply": "已将“政务公干”更正为“政务公开”，感谢指正。"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.REPLIED and report.replied_by == editor and report.on_time
    assert "更正为“政务公开”" in mail.outbox[-1].body and mail.outbox[-1].to == ["wang@example.com"]
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RESOLVED
    client.logout()

    # The reporter tracks it with number and query code; contact details are not shown.
    tracked = client.post("/zhaocuo/track/", {"number": report.number, "code": code}, HTTP_HOST="portal.test")
    page = client.get(tracked["Location"], HTTP_HOST="portal.test").content.decode()
    assert "已答复" in page and "感谢指正" in page and "已改正" in page
    assert "wang@example.com" not in page and "13900001111" not in page and "王先生" not in page


def test_wrong_query_code_shows_nothing(client, portal):
    submit(client, report_data())
    client.cookies.clear()
    report = ErrorReport.objects.get()
    page = client.post("/zhaocuo/track/", {"number": report.number, "code": "WRONGCODE2"}, HTTP_HOST="portal.test")
    text = page.content.decode()
    assert "报告编号或查询码不正确" in text and report.get_kind_display() not in text.split("查询其他报告")[0]


def test_staff_of_another_site_neither_list_nor_open_the_report(client, portal, sport):
    submit(client, report_data())
    report = ErrorReport.objects.get()
    client.force_login(site_editor(sport, "sport_editor_fb"))
    assert report.number not in client.get("/admin/feedback/").content.decode()
    assert client.get(f"/admin/feedback/{report.pk}/").status_code == 404
    response = client.post(f"/admin/feedback/{report.pk}/", {"outcome": "corrected", "reply": "x"})
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


def test_a_report_on_the_sport_site_goes_to_its_editors_with_its_deadline(client, portal, sport):
    FeedbackSettings.objects.create(site=sport, reply_days=5, notify_email="web@sport.example.com")
    submit(client, report_data(url="http://sport.test/"))
    report = ErrorReport.objects.get()
    assert report.site == sport and report.due_on == add_working_days(report.received_on, 5)
    assert any(m.to == ["web@sport.example.com"] for m in mail.outbox)


def test_bad_input_gets_chinese_messages_and_keeps_what_was_typed(client, portal):
    response = submit(
        client, report_data(url="https://www.example.com/page", description="很长" * 5000, contact_phone="abc")
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "请填写本网站群内页面的完整地址" in text
    assert "问题描述不能超过1000个字" in text
    assert "联系电话格式不正确" in text
    assert "很长很长" in text and 'value="王先生"' in text
    assert not ErrorReport.objects.exists()

    response = submit(client, report_data(kind="", description=""))
    text = response.content.decode()
    assert "请选择错误类型。" in text and "请填写问题描述。" in text


def test_a_foreign_url_parameter_is_not_filled_in(client, portal):
    text = client.get(FORM + "?url=https://evil.example.com/x", HTTP_HOST="portal.test").content.decode()
    field = BeautifulSoup(text, "html.parser").find("input", attrs={"name": "page_url"})
    assert "不是本网站群的页面" in text and not field.get("value")


def test_honeypot_and_rate_limit(client, portal):
    response = submit(client, report_data(website="http://spam.example.com"))
    assert "提交失败" in response.content.decode() and not ErrorReport.objects.exists()
    for _ in range(5):
        assert submit(client, report_data()).status_code == 302
    response = submit(client, report_data())
    assert "每小时最多提交5条" in response.content.decode() and ErrorReport.objects.count() == 5


def test_year_9999_in_the_statistics_filter_is_a_message_not_an_error(client, portal):
    client.force_login(site_editor(portal, "portal_editor_fb2"))
    response = client.get("/admin/feedback/?year=9999")
    assert response.status_code == 200 and "统计年度须在2000年至2100年之间" in response.content.decode()


def test_monthly_figures_count_received_answered_and_on_time(portal):
    def make(received_on, replied_on=None, due_days=3):
        report = ErrorReport.objects.create(
            site=portal,
            number=f"ZC2025{ErrorReport.objects.count() + 1:06d}",
            query_code_hash="x",
            received_on=received_on,
            due_on=add_working_days(received_on, due_days),
            page_url="http://portal.test/",
            kind="link",
            description="链接打不开",
        )
        if replied_on:
            report.status, report.replied_on = ReportStatus.REPLIED, replied_on
            report.save()
        return report

    make(date(2025, 3, 3), date(2025, 3, 4))  # on time
    make(date(2025, 3, 10), date(2025, 3, 20))  # late
    make(date(2025, 3, 12))  # open
    make(date(2025, 5, 6), date(2025, 5, 6))
    make(date(2024, 12, 30), date(2025, 1, 2))  # another year
    months = {m.month: m for m in cases.monthly_figures(portal, 2025)}
    assert (months[3].received, months[3].answered, months[3].on_time) == (3, 2, 1)
    assert (months[5].received, months[5].answered, months[5].on_time) == (1, 1, 1)
    assert sum(m.received for m in months.values()) == 4


def test_overdue_report_is_an_error_finding(portal):
    report = ErrorReport.objects.create(
        site=portal,
        number="ZC2025000001",
        query_code_hash="x",
        received_on=date.today() - timedelta(days=30),
        due_on=date.today() - timedelta(days=20),
        page_url="http://portal.test/",
        kind="outdated",
        description="内容过期",
    )
    cases.refresh_finding(portal)
    finding = Finding.objects.get(site=portal, check_name="feedback")
    assert finding.severity == "error" and "已超期" in finding.title and report.number in finding.title
