"""Monitoring in the admin: the reviewer's content warning, findings scoped by site, the
dashboard panel, publication statistics and quarterly reports by department."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Site

from demo.monitoring import plant_problems
from home.models import Department
from monitoring.models import ContentRule, DepartmentContact, Finding, FindingStatus
from monitoring.notifications import notify_new_findings
from monitoring.registry import run_check
from monitoring.reports import Quarter, build_report
from tests.conftest import add_article, column_at
from tests.test_review_and_permissions import member


@pytest.mark.django_db
def test_reviewer_sees_a_warning_for_a_sensitive_word_in_a_submitted_page(client, sport):
    ContentRule.objects.create(kind="sensitive", word="内部资料")
    ContentRule.objects.create(kind="misspelling", word="按装", correction="安装")
    page = add_article(
        column_at(sport, "gzdt"), "健身路径按装通知", live=False, body=[("paragraph", "<p>内部资料，请勿外传。</p>")]
    )
    page.get_workflow().start(page, member(sport, "编辑"))

    client.force_login(member(sport, "初审"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "内容检查提示" in html and "敏感词“内部资料”" in html and "错别字“按装”应为“安装”" in html

    clean = add_article(column_at(sport, "gzdt"), "干净的稿件", live=False)
    clean.get_workflow().start(clean, member(sport, "编辑", "editor2"))
    assert "内容检查提示" not in client.get(reverse("wagtailadmin_pages:edit", args=[clean.pk])).content.decode()


@pytest.fixture
def found(sport, portal):
    column = column_at(sport, "gzdt")
    add_article(column, "旧闻", days_ago=30)
    run_check("freshness", sport)
    run_check("empty_columns", portal)
    return Finding.objects.get(site=sport, check_name="freshness", page=column)


@pytest.mark.django_db
def test_findings_are_listed_only_for_the_users_sites_and_can_be_resolved(client, sport, portal, found):
    client.force_login(member(sport, "站点管理员"))
    listing = client.get(reverse("monitoring_findings:index")).content.decode()
    assert "栏目“工作动态”超期未更新" in listing
    assert "测试市人民政府" not in listing.split("<table")[-1]

    foreign = Finding.objects.filter(site=portal).first()
    assert client.get(reverse("monitoring_finding", args=[foreign.pk])).status_code in (302, 403)
    client.post(reverse("monitoring_finding", args=[foreign.pk]), {"action": "resolve"})
    foreign.refresh_from_db()
    assert foreign.status == FindingStatus.OPEN

    client.post(reverse("monitoring_finding", args=[found.pk]), {"action": "resolve"})
    found.refresh_from_db()
    assert found.status == FindingStatus.RESOLVED

    filtered = client.get(reverse("monitoring_findings:index"), {"status": "open", "check_name": "freshness"})
    assert "栏目“工作动态”超期未更新" not in filtered.content.decode()


@pytest.mark.django_db
def test_dashboard_panel_counts_open_findings_per_site(client, sport, found):
    client.force_login(member(sport, "编辑"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "网站监测" in html and "测试市体育局" in html
    assert "错误 1" in html


@pytest.mark.django_db
def test_new_findings_are_emailed_to_the_departments_contacts_once(sport, found):
    user = get_user_model().objects.create_user("office", email="office@example.gov.cn")
    DepartmentContact.objects.create(site=sport, department=found.department, user=user)
    Finding.objects.update(notified_at=None)
    assert notify_new_findings() == 1
    assert mail.outbox[0].to == ["office@example.gov.cn"] and "工作动态" in mail.outbox[0].body
    assert notify_new_findings() == 0


@pytest.mark.django_db
def test_monthly_statistics_flag_the_news_target_and_export(client, sport):
    add_article(column_at(sport, "gzdt"), "本月动态一", days_ago=0)
    client.force_login(member(sport, "站点管理员"))
    html = client.get(reverse("monitoring_statistics")).content.decode()
    assert "办公室" in html and "1/1 <strong" in html and "未达标" in html

    response = client.get(reverse("monitoring_statistics"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert any(row[0] == "办公室" and row[-1] == "1/1" for row in rows)
    csv = client.get(reverse("monitoring_statistics"), {"format": "csv"}).content.decode("utf-8-sig")
    assert "办公室" in csv


@pytest.mark.django_db
def test_a_department_user_sees_only_its_own_report(client, sport, found):
    office = Department.objects.get(site=sport, name="办公室")
    other = Department.objects.get(site=sport, name="群体司")
    user = member(sport, "编辑", "office_contact")
    DepartmentContact.objects.create(site=sport, department=office, user=user)
    quarter = Quarter.of(found.first_seen.date()).code
    client.force_login(user)

    own = client.get(reverse("monitoring_report_department", args=[sport.pk, quarter, office.pk]))
    assert own.status_code == 200 and "栏目“工作动态”超期未更新" in own.content.decode()
    assert client.get(reverse("monitoring_report_department", args=[sport.pk, quarter, other.pk])).status_code in (
        302,
        403,
    )
    assert client.get(reverse("monitoring_report_site", args=[sport.pk, quarter])).status_code in (302, 403)
    index = client.get(reverse("monitoring_reports")).content.decode()
    assert "办公室" in index and "群体司" not in index

    xlsx = client.get(reverse("monitoring_report_department", args=[sport.pk, quarter, office.pk]), {"format": "xlsx"})
    assert "工作动态" in str(list(load_workbook(io.BytesIO(xlsx.content)).active.values))
    pdf = client.get(reverse("monitoring_report_department", args=[sport.pk, quarter, office.pk]), {"format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    client.force_login(member(sport, "站点管理员"))
    assert client.get(reverse("monitoring_report_department", args=[sport.pk, quarter, other.pk])).status_code == 200
    assert client.get(reverse("monitoring_report_site", args=[sport.pk, "2026Q9"])).status_code == 404


def test_run_monitoring_reports_the_demos_planted_problems(settings, without_shared_sites):
    settings.MONITORING_LINKS = {"timeout": 0.3, "retries": 0, "host_interval": 0}
    call_command("seed_demo", stdout=io.StringIO())
    plant_problems()
    plant_problems()
    out = io.StringIO()
    for check in ("links", "freshness", "empty_columns", "content_quality"):
        call_command("run_monitoring", "--check", check, stdout=out)
    titles = set(Finding.objects.values_list("title", flat=True))
    assert "“关于做好冬季供暖设施按装检修工作的通知”中的链接“2019年供暖工作通知”站内页面不存在" in titles
    assert "栏目“赛事回顾”超期未更新" in titles
    assert "空栏目“志愿服务”" in titles
    assert any("错别字“按装”应为“安装”" in t for t in titles)
    assert Site.objects.count() == 3


@pytest.mark.django_db
def test_report_titles_name_the_site_once_in_characters_the_pdf_font_has(sport, found):
    quarter = Quarter.of(found.first_seen.date())
    office = Department.objects.get(site=sport, name="办公室")
    site_title = build_report(sport, None, quarter).title
    department_title = build_report(sport, office, quarter).title
    assert site_title.count("测试市体育局") == 1 and site_title.endswith("季度网站监测报告")
    assert department_title.startswith("测试市体育局办公室") and department_title.count("测试市体育局") == 1
    assert "·" not in site_title + department_title  # STSong-Light draws it as a missing-glyph box
