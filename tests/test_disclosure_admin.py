"""The staff queue: scoped to the user's sites, filters, steps, exports and private files."""

import csv
import io
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.utils import timezone
from openpyxl import load_workbook

from disclosure.choices import Status
from home.subsites import EDITORS
from tests.test_disclosure_factories import handler, make_request, office_head, private_media, staff_user  # noqa: F401

pytestmark = pytest.mark.django_db
QUEUE = "/admin/disclosure/requests/"


@pytest.fixture
def requests(portal, sport):
    today = timezone.localdate()
    return {
        "portal_new": make_request(portal, received_on=today, description="门户网站收到的申请"),
        "portal_old": make_request(portal, received_on=today - timedelta(days=60), description="早已超期的申请"),
        "sport": make_request(sport, received_on=today, name="王五", description="体育局收到的申请"),
    }


def test_staff_see_only_their_own_sites_requests(client, portal, sport, requests):
    client.force_login(handler(sport, "sport_handler"))
    text = client.get(QUEUE).content.decode()
    assert requests["sport"].number in text and "体育局收到的申请" in text
    assert "门户网站收到的申请" not in text
    assert client.get(f"{QUEUE}{requests['portal_new'].pk}/").status_code == 404
    assert (
        client.post(f"{QUEUE}{requests['portal_new'].pk}/steps/accept/", {"accept-on": "2026-11-21"}).status_code == 404
    )
    csv_text = client.get(QUEUE + "export.csv").content.decode("utf-8-sig")
    assert "王五" in csv_text and "张三" not in csv_text


def test_editors_without_the_permission_are_refused(client, portal, requests):
    client.force_login(staff_user(portal, "editor", role=EDITORS))
    for url in (QUEUE, f"{QUEUE}{requests['portal_new'].pk}/", QUEUE + "export.csv"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's "no permission"


def test_filters_overdue_and_due_within(client, portal, requests):
    client.force_login(handler(portal))
    overdue = client.get(QUEUE, {"overdue": "on"}).content.decode()
    assert "早已超期的申请" in overdue and "门户网站收到的申请" not in overdue
    assert "已超期" in overdue
    soon = client.get(QUEUE, {"due_within": "25"}).content.decode()
    assert "门户网站收到的申请" in soon and "早已超期的申请" not in soon
    by_year = client.get(QUEUE, {"year": "2019"}).content.decode()
    assert "没有符合条件的申请" in by_year


def test_steps_from_the_admin_record_who_and_refuse_what_the_law_forbids(client, portal, requests):
    staff = handler(portal)
    client.force_login(staff)
    item = requests["portal_new"]
    today = timezone.localdate().isoformat()
    response = client.post(f"{QUEUE}{item.pk}/steps/accept/", {"accept-on": today, "accept-reason": "材料齐全"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.ACCEPTED and item.events.last().actor == staff

    refused = client.post(
        f"{QUEUE}{item.pk}/steps/extend/", {"extend-on": today, "extend-days": "10", "extend-reason": "复杂"}
    )
    assert "须经政府信息公开工作机构负责人同意" in refused.content.decode()

    client.force_login(office_head(portal))
    client.post(f"{QUEUE}{item.pk}/steps/extend/", {"extend-on": today, "extend-days": "10", "extend-reason": "复杂"})
    response = client.post(
        f"{QUEUE}{item.pk}/steps/reply/", {"reply-on": today, "reply-outcome": "3.4", "reply-letter": "涉及第三方。"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.outcome) == (Status.REPLIED, "3.4")
    page = client.get(f"{QUEUE}{item.pk}/").content.decode()
    assert "延期答复" in page and "head" in page and "保护第三方合法权益" in page


def test_xlsx_export(client, portal, requests):
    client.force_login(handler(portal))
    sheet = load_workbook(io.BytesIO(client.get(QUEUE + "export.xlsx").content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "申请编号"
    assert {r[0] for r in rows[1:]} == {requests["portal_new"].number, requests["portal_old"].number}


def test_uploads_are_served_only_to_staff_of_the_site(client, portal, sport):
    item = make_request(portal, received_on=date(2026, 11, 20))
    item.attachment.save("证明.pdf", ContentFile(b"%PDF-1.4 proof"))
    client.force_login(handler(sport, "sport_handler"))
    assert client.get(f"{QUEUE}{item.pk}/file/").status_code == 404
    client.force_login(handler(portal))
    response = client.get(f"{QUEUE}{item.pk}/file/")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 proof"


def test_missing_calendar_warning_in_the_queue(client, portal):
    client.force_login(handler(portal))
    text = client.get(QUEUE).content.decode()
    assert "2027年的法定节假日安排尚未录入" in text
    assert (
        list(csv.reader(io.StringIO(client.get(QUEUE + "export.csv").content.decode("utf-8-sig"))))[0][0] == "申请编号"
    )


def test_step_forms_prefill_dates_as_the_browser_date_input_expects(client, portal, requests):
    """A browser date input accepts only ISO dates and shows any other value as empty, which then
    reached the server as a missing date (必需字段) on every step's first try."""
    client.force_login(handler(portal))
    item = requests["portal_new"]
    page = BeautifulSoup(client.get(f"{QUEUE}{item.pk}/").content, "html.parser")
    dates = page.select('input[type="date"]')
    assert dates and {field["value"] for field in dates} == {timezone.localdate().isoformat()}

    accept = page.find("form", action=f"{QUEUE}{item.pk}/steps/accept/")
    data = {field["name"]: field.get("value", "") for field in accept.find_all("input")}
    response = client.post(f"{QUEUE}{item.pk}/steps/accept/", {**data, "accept-reason": "材料齐全"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.ACCEPTED
