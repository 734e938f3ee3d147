"""CSV and XLSX downloads of admin tables (request queues, letters, statistics, reports).

Every spreadsheet the platform hands out goes through `CSVWriter` or `workbook_bytes`, or (the case
queues' Wagtail `list_export`, casework.viewsets) through `as_text`, so that text a citizen or editor
typed (a subject such as `=HYPERLINK(...)`) never runs as a formula when staff open it."""

import csv
import io
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Spreadsheet programs treat a cell beginning with one of these as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def download(content, content_type, filename):
    """An attachment response; the filename may be Chinese (RFC 5987 encoding)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def as_text(value):
    """A leading quote makes a would-be formula plain text; numbers stay numbers."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


class CSVWriter:
    """`csv.writer` whose cells never start a formula."""

    def __init__(self, stream):
        self._writer = csv.writer(stream)

    def writerow(self, row):
        self._writer.writerow([as_text(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_buffer():
    """A text buffer that opens in Excel as UTF-8 (it needs the BOM) and its safe writer."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    return buffer, CSVWriter(buffer)


def workbook_bytes(book):
    """The workbook as XLSX bytes, every cell that openpyxl took for a formula stored as text.
    None of our exports computes anything, so any formula came from typed text."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_response(filename, headers, rows):
    buffer, writer = csv_buffer()
    writer.writerow(headers)
    writer.writerows(rows)
    return download(buffer.getvalue(), "text/csv; charset=utf-8", filename)


def xlsx_response(filename, sheet_title, headers, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    return download(workbook_bytes(workbook), XLSX, filename)
