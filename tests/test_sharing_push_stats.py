"""Pushing important information down the group (重要信息转载), its monitoring check, and the
statistics of submissions (信息报送采用情况)."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Site

from home.models import Department
from monitoring.models import Finding, FindingStatus
from monitoring.registry import run_check
from sharing.models import Offer, OfferState, PushMode, ReceivingColumn
from sharing.statistics import offer_statistics, report_lines
from tests.conftest import add_article, column_at
from tests.test_sharing import SPORT, decide, logged_in, member, public


@pytest.fixture
def portal_item(portal):
    Site.objects.filter(pk=portal.pk).update(is_default_site=True)
    return add_article(column_at(portal, "tzgg"), "国务院办公厅关于进一步优化政务服务的意见")


def push_column(sport, mode):
    return ReceivingColumn.objects.create(
        site=sport, column=column_at(sport, "jjty/tzgg"), accepts_offers=False, receives_pushes=True, push_mode=mode
    )


def push(user, item, *receiving):
    return logged_in(user).post(
        reverse("sharing_push", args=[item.pk]), {"targets": [r.pk for r in receiving], "note": "请即转载。"}
    )


def test_a_push_shows_at_once_on_sites_that_want_it(portal, sport, portal_item):
    receiving = push_column(sport, PushMode.REFERENCE)
    editor = member(portal, "编辑")
    form = logged_in(editor).get(reverse("sharing_push", args=[portal_item.pk])).content.decode()
    assert "测试市体育局 · 通知公告" in form
    assert push(editor, portal_item, receiving).status_code == 302
    offer = Offer.objects.get()
    assert offer.is_push and offer.state == OfferState.ACCEPTED_REFERENCE
    page = public(offer.result_page.url, SPORT)
    assert page.status_code == 200 and "国务院办公厅关于进一步优化政务服务的意见" in page.content.decode()
    assert "国务院办公厅关于进一步优化政务服务的意见" in public("/jjty/tzgg/", SPORT).content.decode()
    # A push is not a submission: the statistics leave it out.
    assert offer_statistics(Offer.objects.all(), timezone.localdate().year).rows == []


def test_only_the_portal_pushes(portal, sport, portal_item):
    sport_item = add_article(column_at(sport, "qmjs/dtxx"), "体育局通知")
    assert logged_in(member(sport, "编辑")).get(reverse("sharing_push", args=[sport_item.pk])).status_code == 403
    Site.objects.filter(pk=portal.pk).update(is_default_site=False)
    assert logged_in(member(portal, "编辑")).get(reverse("sharing_push", args=[portal_item.pk])).status_code == 403


def test_a_push_left_in_the_inbox_for_a_day_is_reported(portal, sport, portal_item):
    receiving = push_column(sport, PushMode.INBOX)
    push(member(portal, "编辑"), portal_item, receiving)
    offer = Offer.objects.get()
    assert offer.state == OfferState.OFFERED and offer.result_page is None

    assert run_check("pushed_items", sport).found == 0  # still within 24 hours
    Offer.objects.filter(pk=offer.pk).update(created_at=timezone.now() - timedelta(hours=25))
    assert run_check("pushed_items", sport).found == 1
    finding = Finding.objects.get(site=sport, check_name="pushed_items")
    assert "国务院办公厅关于进一步优化政务服务的意见" in finding.title and "25 小时" in finding.title
    assert run_check("pushed_items", portal).found == 0

    decide(logged_in(member(sport, "编辑")), offer, "accept_reference")
    assert run_check("pushed_items", sport).resolved == 1
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RESOLVED


def made(site_from, site_to, department, state, when, is_push=False):
    return Offer.objects.create(
        source_site=site_from,
        source_title=f"{department}的信息",
        source_department=department,
        target_site=site_to,
        state=state,
        created_at=timezone.make_aware(when),
        is_push=is_push,
    )


def test_statistics_count_offers_acceptances_and_rates(portal, sport):
    march, april = datetime(2026, 3, 10, 9), datetime(2026, 4, 2, 9)
    for state in (OfferState.ACCEPTED_REFERENCE, OfferState.ACCEPTED_COPY, OfferState.DECLINED, OfferState.OFFERED):
        made(sport, portal, "办公室", state, march)
    made(sport, portal, "办公室", OfferState.WITHDRAWN, march)  # not a submission
    made(sport, portal, "群众体育处", OfferState.DECLINED, april)
    made(sport, portal, "群众体育处", OfferState.ACCEPTED_REFERENCE, april)
    made(sport, portal, "群众体育处", OfferState.ACCEPTED_REFERENCE, april, is_push=True)  # not a submission
    made(sport, portal, "群众体育处", OfferState.ACCEPTED_COPY, datetime(2025, 12, 30, 9))  # another year

    year = offer_statistics(Offer.objects.all(), 2026)
    rows = {row.department: (row.offered, row.accepted, row.declined, row.pending, row.rate) for row in year.rows}
    assert rows == {"办公室": (4, 2, 1, 1, 50.0), "群众体育处": (2, 1, 1, 0, 50.0)}
    total = year.total
    assert (total.offered, total.accepted, total.declined, total.rate) == (6, 3, 2, 50.0)
    assert year.monthly[2] == (3, 4, 2) and year.monthly[3] == (4, 2, 1) and year.monthly[0] == (1, 0, 0)
    april_only = offer_statistics(Offer.objects.all(), 2026, 4)
    assert [(r.department, r.offered, r.rate) for r in april_only.rows] == [("群众体育处", 2, 50.0)]
    assert offer_statistics(Offer.objects.all(), 2025).total.rate == 100.0


def test_statistics_screen_and_export_are_scoped_to_the_readers_sites(portal, sport):
    made(sport, portal, "办公室", OfferState.ACCEPTED_REFERENCE, datetime(2026, 3, 10, 9))
    made(sport, portal, "办公室", OfferState.DECLINED, datetime(2026, 3, 11, 9))
    made(sport, portal, "=HYPERLINK(1)", OfferState.DECLINED, datetime(2026, 3, 11, 9))
    admin = logged_in(member(portal, "站点管理员"))
    html = admin.get(reverse("sharing_statistics"), {"year": "2026"}).content.decode()
    assert "<svg" in html and "测试市体育局" in html and "50.0%" in html and "33.3%" in html
    assert "3月" in html
    response = admin.get(reverse("sharing_statistics"), {"year": "2026", "month": "3", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["报送网站", "报送单位", "报送数"]
    assert ["测试市体育局", "办公室", "2", "1", "1", "0", "50.0"] in rows
    assert ["测试市体育局", "'=HYPERLINK(1)", "1", "0", "1", "0", "0.0"] in rows
    assert rows[-1][:3] == ["合计", "", "3"]
    xlsx = admin.get(reverse("sharing_statistics"), {"year": "2026", "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    # Nonsense in the query string falls back to this year, without an error.
    assert admin.get(reverse("sharing_statistics"), {"year": "9999", "month": "13", "site": "x²"}).status_code == 200
    # A user of neither site sees none of it.
    outsider = get_user_model().objects.create_user("no-site", password="pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    html = logged_in(outsider).get(reverse("sharing_statistics"), {"year": "2026"}).content.decode()
    assert "2026年没有报送信息" in html and "测试市体育局" not in html


def test_a_report_line_for_each_side(portal, sport):
    for state in (OfferState.ACCEPTED_COPY, OfferState.DECLINED, OfferState.DECLINED):
        made(sport, portal, "办公室", state, datetime(2026, 8, 10, 9))
    made(sport, portal, "办公室", OfferState.ACCEPTED_COPY, datetime(2026, 10, 1, 9))  # the next quarter
    start, end = (timezone.make_aware(datetime(2026, month, 1)) for month in (7, 10))
    assert report_lines(sport, start, end) == ["报送信息 3 条，采用 1 条，不予采用 2 条，采用率 33.3%。"]
    assert report_lines(portal, start, end) == ["收到报送信息 3 条，采用 1 条，不予采用 2 条，采用率 33.3%。"]
    assert report_lines(portal, end, end) == ["本期没有信息报送。"]


def test_the_quarterly_monitoring_report_carries_the_submissions(sport, portal):
    made(sport, portal, "办公室", OfferState.ACCEPTED_REFERENCE, datetime(2026, 8, 10, 9))
    made(sport, portal, "办公室", OfferState.DECLINED, datetime(2026, 8, 11, 9))
    admin = logged_in(member(sport, "站点管理员"))
    url = reverse("monitoring_report_site", args=[sport.pk, "2026Q3"])
    html = admin.get(url).content.decode()
    assert "四、信息报送采用情况" in html and "五、整改建议" in html
    assert "报送信息 2 条，采用 1 条，不予采用 1 条，采用率 50.0%。" in html
    rows = str(list(load_workbook(io.BytesIO(admin.get(url, {"format": "xlsx"}).content)).active.values))
    assert "四、信息报送采用情况" in rows and "采用率 50.0%" in rows
    assert admin.get(url, {"format": "pdf"}).content.startswith(b"%PDF")
    # A department's report is about its pages: the site's submissions stay out of it.
    office = Department.objects.get(site=sport, name="办公室")
    department = admin.get(reverse("monitoring_report_department", args=[sport.pk, "2026Q3", office.pk]))
    assert "信息报送采用情况" not in department.content.decode() and "四、整改建议" in department.content.decode()
