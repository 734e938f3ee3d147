"""政府网站工作年度报表: the figures of a site's year computed from seeded data (page views, items by
kind and column, topics, disclosure requests, letters, 找错 reports, findings), the draft page in
the 信息公开年报 column, its XLSX and PDF, the admin screen scoped by site, bad years refused in
Chinese, and the monitoring finding until the report is published."""

import io
from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from openpyxl import load_workbook

from casework.workdays import add_working_days
from feedback.models import ErrorReport, ReportStatus
from home.models import ColumnType, TopicPage
from home.subsites import EDITORS, group_name
from interaction.choices import LetterStatus
from interaction.models import Letter
from monitoring.models import Finding, FindingStatus
from monitoring.registry import run_check
from tests.conftest import add_article, column_at, publish
from tests.test_disclosure_factories import make_request, private_media  # noqa: F401
from yearly_report.generate import generate, report_page
from yearly_report.models import PageViewDay, YearlyReportPage
from yearly_report.table import report_table

pytestmark = pytest.mark.django_db
YEAR = 2025


def in_2025(month, day):
    return timezone.make_aware(datetime(YEAR, month, day, 10, 0))


def dated(article, moment):
    type(article).objects.filter(pk=article.pk).update(date=moment, first_published_at=moment)
    return article


@pytest.fixture
def seeded(portal, sport, make_column):
    news = column_at(portal, "xwdt/zwyw")
    for month in (2, 5, 9):
        dated(add_article(news, f"政务要闻{month}"), in_2025(month, 3))
    dated(add_article(news, "上一年的要闻"), timezone.make_aware(datetime(YEAR - 1, 12, 30)))
    dated(add_article(news, "未发布的草稿", live=False), in_2025(6, 1))
    overview = make_column(portal.root_page, "政府概况", "zfgk", column_type=ColumnType.OVERVIEW)
    dated(add_article(overview, "云州概况"), in_2025(1, 8))
    dated(add_article(column_at(portal, "zfxxgk/fdzdgk"), "2025年财政预算"), in_2025(3, 1))
    dated(add_article(column_at(sport, "qmjs/dtxx"), "体育局的动态"), in_2025(3, 1))  # another site

    topic = TopicPage(title="优化营商环境专题", slug="yshj")
    column_at(portal, "ztzl").add_child(instance=topic)
    publish(topic)
    TopicPage.objects.filter(pk=topic.pk).update(first_published_at=in_2025(4, 1))

    for day, views, visits in ((date(YEAR, 3, 1), 100, 30), (date(YEAR, 3, 2), 50, 20), (date(YEAR - 1, 5, 1), 9, 9)):
        PageViewDay.objects.create(site=portal, day=day, path="/", views=views, visits=visits)
    PageViewDay.objects.create(site=portal, day=date(YEAR, 3, 2), path="/search/", views=7, visits=1)
    PageViewDay.objects.create(site=sport, day=date(YEAR, 3, 2), path="/", views=1000, visits=1000)

    def letter(received, replied=None):
        values = {
            "site": portal,
            "number": f"XJ2025{Letter.objects.count() + 1:06d}",
            "query_code_hash": "x",
            "received_on": received,
            "due_on": add_working_days(received, 7),
            "name": "张三",
            "phone": "13800000000",
            "category": "consult",
            "subject": "咨询",
            "content": "内容",
        }
        if replied:
            values.update(status=LetterStatus.REPLIED, replied_on=replied, reply="答复")
        return Letter.objects.create(**values)

    letter(date(YEAR, 3, 2), date(YEAR, 3, 6))  # 4 working days
    letter(date(YEAR, 4, 1), date(YEAR, 4, 3))  # 2 working days
    letter(date(YEAR, 6, 2))

    def report(received, replied=None):
        item = ErrorReport.objects.create(
            site=portal,
            number=f"ZC2025{ErrorReport.objects.count() + 1:06d}",
            query_code_hash="x",
            received_on=received,
            due_on=add_working_days(received, 3),
            page_url="http://portal.test/",
            kind="typo",
            description="错别字",
        )
        if replied:
            ErrorReport.objects.filter(pk=item.pk).update(status=ReportStatus.REPLIED, replied_on=replied)

    report(date(YEAR, 5, 6), date(YEAR, 5, 7))
    report(date(YEAR, 7, 1), date(YEAR, 7, 30))
    report(date(YEAR, 8, 1))

    make_request(portal, received_on=date(YEAR, 2, 3))
    make_request(portal, received_on=date(YEAR, 3, 3), column="commercial")
    make_request(portal, received_on=date(YEAR - 1, 12, 1))

    for key, status in (("a", FindingStatus.RESOLVED), ("b", FindingStatus.OPEN)):
        Finding.objects.create(
            site=portal,
            check_name="links",
            key=key,
            severity="error",
            title="断链",
            status=status,
            first_seen=in_2025(5, 5),
        )
    return portal


def test_figures_of_the_year_from_the_site_own_data(seeded):
    page = generate(seeded, YEAR)
    f = page.figures
    assert f["identity"]["name"] == "测试市人民政府" and f["identity"]["site_code"] == "5399000001"
    assert f["visits"] == {"views": 157, "visits": 51, "searches": 7}
    pub = f["published"]
    assert (pub["total"], pub["news"], pub["overview"], pub["catalog"]) == (5, 3, 1, 1)
    assert dict(pub["by_column"]) == {"新闻动态": 3, "政府概况": 1, "政府信息公开": 1}
    assert dict(pub["by_kind"]) == {"文章": 5}
    assert f["topics"] == {"maintained": 1, "new": 1}
    assert f["disclosure"]["requests_new"] == 2
    assert f["disclosure"]["requests_carried_in"] == 1
    inter = f["interaction"]
    assert (inter["letters_received"], inter["letters_answered"], inter["letters_average_days"]) == (3, 2, 3.0)
    assert f["feedback"] == {"received": 3, "answered": 2, "on_time": 1}
    assert f["security"] == {"findings": 2, "fixed": 1}


def test_the_report_is_a_draft_in_the_annual_report_column_laid_out_as_the_national_table(seeded):
    page = generate(seeded, YEAR)
    assert not page.live and page.get_parent().specific.column_type == ColumnType.DISCLOSURE_REPORT
    rows = {label: value for section in report_table(page) for label, value, _ in section.rows}
    assert rows["政府网站标识码"] == "5399000001"
    assert rows["网站总访问量（单位：次）"] == 51 and rows["页面浏览总量（单位：次）"] == 157
    assert rows["政务动态信息更新量"] == 3 and rows["总数"] == 5
    assert rows["留言办理：平均办理时间（单位：工作日）"] == 3.0
    assert rows["我为政府网站找错：按期答复数量（单位：条）"] == 1
    assert rows["适老化（长者模式）"] == "是" and rows["IPv6访问"] == "否"
    # Generating again refreshes the figures of the same page.
    PageViewDay.objects.create(site=seeded, day=date(YEAR, 12, 31), path="/", views=3, visits=3)
    again = generate(seeded, YEAR)
    assert again.pk == page.pk and again.figures["visits"]["views"] == 160
    assert YearlyReportPage.objects.count() == 1


def test_published_report_page_with_xlsx_and_pdf(client, seeded):
    page = generate(seeded, YEAR)
    page.ipv6 = True
    publish(page)
    html = client.get(page.url, HTTP_HOST="portal.test").content.decode()
    assert "网站总访问量（单位：次）" in html and "<td>51</td>" in html and "IPv6访问" in html
    xlsx = client.get(page.url + "xlsx/", HTTP_HOST="portal.test")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = {row[0].strip("　") if row[0] else row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    assert values["网站总访问量（单位：次）"] == 51 and values["IPv6访问"] == "是"
    pdf = client.get(page.url + "pdf/", HTTP_HOST="portal.test")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def editor_of(site, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group_name(site.site_name, EDITORS)))
    return user


def test_admin_generates_for_own_sites_only_and_refuses_bad_years(client, seeded, sport):
    client.force_login(editor_of(sport, "sport_editor_yr"))
    listing = client.get("/admin/yearly-reports/?year=2025").content.decode()
    assert "测试市体育局" in listing and "测试市人民政府" not in listing
    assert client.post("/admin/yearly-reports/", {"site": seeded.pk, "year": YEAR}).status_code == 404
    assert report_page(seeded, YEAR) is None
    portal_page = generate(seeded, YEAR)
    refused = client.get(f"/admin/yearly-reports/{portal_page.pk}/xlsx/")
    assert refused.status_code in (302, 403) and not refused.has_header("Content-Disposition")

    response = client.post("/admin/yearly-reports/", {"site": sport.pk, "year": 9999}, follow=True)
    assert "报表年度须在2000年至" in response.content.decode() and report_page(sport, 9999) is None
    response = client.get("/admin/yearly-reports/?year=9999")
    assert response.status_code == 200 and "报表年度须在2000年至" in response.content.decode()

    response = client.post("/admin/yearly-reports/", {"site": sport.pk, "year": YEAR}, follow=True)
    assert "已生成" in response.content.decode()
    page = report_page(sport, YEAR)
    assert page.figures["visits"]["views"] == 1000
    assert client.get(f"/admin/yearly-reports/{page.pk}/pdf/").content.startswith(b"%PDF")


def test_unpublished_report_is_a_finding_until_published(seeded, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: date(YEAR + 1, 2, 3))
    run_check("yearly_report", seeded)
    finding = Finding.objects.get(site=seeded, check_name="yearly_report")
    assert finding.status == FindingStatus.OPEN and finding.severity == "error" and "逾期未发布" in finding.title
    publish(generate(seeded, YEAR))
    run_check("yearly_report", seeded)
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RESOLVED
