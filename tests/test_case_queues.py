"""The staff queues of numbered cases (casework.viewsets): Wagtail listings sorted, filtered and paged
by the database, exported through Wagtail's list_export with formulas made inert, and only ever
showing the cases of the user's own sites."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from openpyxl import load_workbook

from home.models import Department
from interaction.models import Letter
from tests.test_disclosure_factories import handler, make_request, private_media  # noqa: F401
from tests.test_interaction_helpers import add_mailbox, fresh_cache_and_private_media, make_letter, staff  # noqa: F401

pytestmark = pytest.mark.django_db
LETTERS = "/admin/interaction/letters/"
REQUESTS = "/admin/disclosure/requests/"
FORMULA = '=HYPERLINK("http://x","y")'


def shown_numbers(response):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [row.select_one("td a").get_text(strip=True) for row in soup.select("table.listing tbody tr")]


def copies(letter, count):
    """`count` more letters like `letter`, received one day apart (fast: one INSERT)."""
    made = []
    for i in range(count):
        copy = Letter.objects.get(pk=letter.pk)
        copy.pk, copy.number = None, f"{letter.number}-{i:02d}"
        copy.received_on = letter.received_on - timedelta(days=i + 1)
        made.append(copy)
    return Letter.objects.bulk_create(made)


@pytest.fixture
def handler_client(client, portal):
    client.force_login(staff(portal, "handler"))
    return client


def test_columns_sort_in_the_database(handler_client, portal):
    today = timezone.localdate()
    mailbox = add_mailbox(portal)
    late, early, middle = (make_letter(portal, mailbox, received_on=today - timedelta(days=d)) for d in (1, 9, 5))
    Letter.objects.filter(pk=late.pk).update(due_on=today + timedelta(days=30))

    assert shown_numbers(handler_client.get(LETTERS, {"ordering": "due_on"})) == [
        early.number,
        middle.number,
        late.number,
    ]
    assert shown_numbers(handler_client.get(LETTERS, {"ordering": "-due_on"}))[0] == late.number
    assert shown_numbers(handler_client.get(LETTERS, {"ordering": "-received_on"})) == [
        late.number,
        middle.number,
        early.number,
    ]
    numbers = sorted([late.number, early.number, middle.number])
    assert shown_numbers(handler_client.get(LETTERS, {"ordering": "number"})) == numbers


def test_overdue_filter_lists_only_overdue_cases_earliest_deadline_first(handler_client, portal):
    today = timezone.localdate()
    mailbox = add_mailbox(portal)
    newer = make_letter(portal, mailbox, received_on=today - timedelta(days=30))
    older = make_letter(portal, mailbox, received_on=today - timedelta(days=60))
    make_letter(portal, mailbox, received_on=today)

    page = handler_client.get(LETTERS, {"overdue": "on"})
    assert shown_numbers(page) == [older.number, newer.number]
    assert "已超期" in page.content.decode()


def test_queues_page_fifty_cases_at_a_time(handler_client, portal):
    first = make_letter(portal, add_mailbox(portal))
    copies(first, 51)

    page_one = handler_client.get(LETTERS)
    assert len(shown_numbers(page_one)) == 50
    pages = BeautifulSoup(page_one.content, "html.parser").select_one("nav.pagination")
    assert "第 1 页，共 2 页" in pages.get_text(" ", strip=True)
    last = shown_numbers(handler_client.get(LETTERS, {"p": "2"}))
    assert len(last) == 2 and not set(last) & set(shown_numbers(page_one))


def csv_rows(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows()]


def test_the_queues_export_buttons_give_inert_formulas_in_csv_and_xlsx(handler_client, client, portal):
    make_letter(portal, add_mailbox(portal), subject=FORMULA)
    page = BeautifulSoup(handler_client.get(LETTERS).content, "html.parser")
    exports = {a["href"] for a in page.select("a[href*='export=']")}
    assert exports == {LETTERS + "?export=xlsx", LETTERS + "?export=csv"}

    rows = csv_rows(handler_client.get(LETTERS, {"export": "csv"}))
    assert rows[0] == [
        "信件编号",
        "网站",
        "类别",
        "标题",
        "收信日期",
        "状态",
        "承办单位",
        "办理期限",
        "剩余工作日",
        "答复日期",
    ]
    assert rows[1][3] == "'" + FORMULA
    cells = xlsx_rows(handler_client.get(LETTERS, {"export": "xlsx"}))
    assert cells[0][0].value == "信件编号"
    assert cells[1][3].value in (FORMULA, "'" + FORMULA) and cells[1][3].data_type != "f"
    assert not [cell for row in cells for cell in row if cell.data_type == "f"]


def test_the_request_queue_exports_through_the_same_path(client, portal):
    make_request(portal, name=FORMULA, description="-1+2")
    client.force_login(handler(portal))
    rows = csv_rows(client.get(REQUESTS, {"export": "csv"}))
    assert rows[0][:3] == ["申请编号", "网站", "承办单位"]
    assert "'" + FORMULA in rows[1] and "'-1+2" in rows[1]
    cells = xlsx_rows(client.get(REQUESTS + "export.xlsx"))
    assert not [cell for row in cells for cell in row if cell.data_type == "f"]


def test_another_sites_cases_never_appear(client, portal, sport):
    ours = make_letter(portal, add_mailbox(portal), subject="门户网站的来信")
    theirs = make_letter(sport, add_mailbox(sport), subject="体育局网站的来信")
    their_request = make_request(sport, description="体育局收到的申请")
    client.force_login(staff(portal, "handler"))

    assert shown_numbers(client.get(LETTERS)) == [ours.number]
    assert theirs.number not in shown_numbers(client.get(LETTERS, {"ordering": "number", "status": "open"}))
    exported = client.get(LETTERS, {"export": "csv"}).content.decode("utf-8-sig")
    assert "门户网站的来信" in exported and "体育局网站的来信" not in exported

    client.force_login(handler(portal, "request_handler"))
    assert their_request.number not in shown_numbers(client.get(REQUESTS))
    assert "体育局收到的申请" not in client.get(REQUESTS + "export.csv").content.decode("utf-8-sig")


def test_bad_filter_sort_or_page_values_show_the_queue(handler_client, portal, sport):
    make_letter(portal, add_mailbox(portal), subject="门户网站的来信")
    their_department = Department.objects.filter(site=sport).first()
    query = {"due_within": "很快", "ordering": "name", "p": "99", "department": their_department.pk}
    response = handler_client.get(LETTERS, query)
    assert response.status_code == 200 and "门户网站的来信" in response.content.decode()
    assert handler_client.get(LETTERS, {"export": "csv", **query}).status_code == 200
