"""CSV and XLSX downloads of admin tables (request queues, letters, statistics)."""

import csv
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(content, content_type, filename):
    """An attachment response; the filename may be Chinese (RFC 5987 encoding)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def csv_response(filename, headers, rows):
    response = download("\ufeff", "text/csv; charset=utf-8", filename)  # the BOM makes Excel read UTF-8
    writer = csv.writer(response)
    writer.writerow(headers)
    writer.writerows(rows)
    return response


def xlsx_response(filename, sheet_title, headers, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    response = download(b"", XLSX, filename)
    workbook.save(response)
    return response
