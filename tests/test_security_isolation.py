"""Staff of one sub-site cannot reach another's records, in lists or by direct URL — the cases
the feature tests leave out: documents in another site's collection, the XLSX exports, the
files of a request's steps, monitoring statistics and reports of another site, the statistics
of letters and the survey answers of another site."""

import io
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Collection

from disclosure import lifecycle
from disclosure.choices import EventKind
from home.models import PortalDocument
from monitoring.models import Finding
from monitoring.registry import run_check
from monitoring.reports import Quarter
from tests.conftest import add_article, column_at
from tests.test_disclosure_factories import handler, make_request, private_media  # noqa: F401
from tests.test_interaction_helpers import (
    add_mailbox,
    add_survey,
    fresh_cache_and_private_media,  # noqa: F401
    make_letter,
    post_form,
    staff,
)
from tests.test_review_and_permissions import member

pytestmark = pytest.mark.django_db


def xlsx_text(response):
    return str(list(load_workbook(io.BytesIO(response.content)).active.values))


def document(site, title):
    doc = PortalDocument(title=title, collection=Collection.objects.get(name=site.site_name))
    doc.file.save(f"{title}.txt", ContentFile(title.encode()), save=False)
    doc.save()
    return doc


def test_documents_of_another_sites_collection_are_out_of_reach(client, portal, sport):
    foreign = document(portal, "门户内部文档")
    for role in ("编辑", "站点管理员"):
        client.force_login(member(sport, role, f"sport-{role}"))
        listing = client.get(reverse("wagtaildocs:index"))
        assert "门户内部文档" not in listing.content.decode()
        assert "门户内部文档" not in client.get(reverse("wagtaildocs_chooser:choose")).content.decode()
        assert client.get(reverse("wagtaildocs:edit", args=[foreign.pk])).status_code in (302, 403)
        client.post(reverse("wagtaildocs:edit", args=[foreign.pk]), {"title": "被改名"})
        client.post(reverse("wagtaildocs:delete", args=[foreign.pk]))
        foreign.refresh_from_db()
        assert foreign.title == "门户内部文档"


def test_editors_manage_the_documents_of_their_own_sites_collection(client, portal, sport):
    document(portal, "门户内部文档")
    own = document(sport, "体育局文档")
    client.force_login(member(sport, "编辑"))
    response = client.get(reverse("wagtaildocs:index"))
    assert response.status_code == 200
    assert "体育局文档" in response.content.decode() and "门户内部文档" not in response.content.decode()
    assert client.get(reverse("wagtaildocs:edit", args=[own.pk])).status_code == 200
    upload = client.get(reverse("wagtaildocs:add"))
    # Only the site's own collection can receive uploads (so Wagtail offers no choice at all).
    assert upload.status_code == 200 and "测试市人民政府" not in upload.content.decode()


def test_request_exports_step_files_and_notices_of_another_site(client, portal, sport):
    item = make_request(portal, received_on=date(2026, 3, 2), name="门户申请人")
    lifecycle.request_supplement(item, handler(portal), 10, "请补充。", on=date(2026, 3, 3))
    event = lifecycle.receive_supplement(
        item, "补正", SimpleUploadedFile("补正.pdf", b"%PDF-1.4 x"), on=date(2026, 3, 4)
    )
    notice = item.events.get(kind=EventKind.REGISTERED)
    make_request(sport, name="体育局申请人")

    client.force_login(handler(sport, "sport_handler"))
    exported = xlsx_text(client.get("/admin/disclosure/requests/export.xlsx"))
    assert "体育局申请人" in exported and "门户申请人" not in exported
    assert client.get(f"/admin/disclosure/requests/{item.pk}/events/{event.pk}/file/").status_code == 404
    assert client.get(f"/admin/disclosure/requests/{item.pk}/events/{notice.pk}/notice.pdf").status_code == 404
    assert "门户申请人" not in client.get("/admin/disclosure/requests/", {"q": item.number}).content.decode()


def test_letter_export_and_statistics_of_another_site(client, portal, sport):
    letter = make_letter(portal, add_mailbox(portal), subject="门户网站的来信")
    make_letter(sport, None, subject="体育局的来信")
    client.force_login(staff(sport, "sport_handler"))
    exported = xlsx_text(client.get("/admin/interaction/letters/export.xlsx"))
    assert "体育局的来信" in exported and "门户网站的来信" not in exported and letter.number not in exported
    stats = client.get("/admin/interaction/statistics/", {"site": portal.pk}).content.decode()
    assert "测试市人民政府" not in stats


def test_survey_answers_of_another_site_are_not_shown(client, portal, sport):
    survey = add_survey(portal)
    names = {f.label: f.clean_name for f in survey.get_form_fields()}
    post_form(client, survey.url, {names["您对健身设施是否满意"]: "满意", names["其他意见"]: "门户调查的私人意见"})
    assert survey.get_submissions().count() == 1
    client.force_login(member(sport, "站点管理员"))
    response = client.get(f"/admin/forms/submissions/{survey.pk}/")
    assert response.status_code in (302, 403, 404)
    export = client.get(f"/admin/forms/submissions/{survey.pk}/", {"export": "csv"})
    assert export.status_code in (302, 403, 404)
    assert "门户调查的私人意见" not in client.get("/admin/forms/").content.decode()


def test_monitoring_statistics_and_reports_of_another_site(client, portal, sport):
    add_article(column_at(portal, "tzgg"), "门户的通知", days_ago=40)
    run_check("freshness", portal)
    run_check("empty_columns", portal)
    foreign = Finding.objects.filter(site=portal).first()
    assert foreign is not None
    quarter = Quarter.of(foreign.first_seen.date()).code
    portal_department = portal.home_department_set.get(name="发展和改革委员会")

    client.force_login(member(sport, "站点管理员"))
    listing = client.get(reverse("monitoring_findings:index")).content.decode()
    assert foreign.title not in listing
    for fmt in ("", "csv", "xlsx"):
        response = client.get(reverse("monitoring_statistics"), {"site": portal.pk, "format": fmt})
        body = xlsx_text(response) if fmt == "xlsx" else response.content.decode("utf-8-sig")
        assert "发展和改革委员会" not in body, fmt  # a department only the portal has
    assert client.get(reverse("monitoring_report_site", args=[portal.pk, quarter])).status_code in (302, 403)
    for fmt in ("xlsx", "pdf"):
        url = reverse("monitoring_report_site", args=[portal.pk, quarter])
        assert client.get(url, {"format": fmt}).status_code in (302, 403)
    # A department of the portal under the sport site's own address.
    mixed = reverse("monitoring_report_department", args=[sport.pk, quarter, portal_department.pk])
    assert client.get(mixed).status_code in (302, 403)
    index = client.get(reverse("monitoring_reports")).content.decode()
    assert "发展和改革委员会" not in index and "测试市人民政府" not in index
