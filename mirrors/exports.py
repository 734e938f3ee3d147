"""The sync-status report as CSV or XLSX, for the translation team's work list."""

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from home.exports import XLSX, csv_buffer, download, workbook_bytes

HEADER = ["类型", "页面", "地址", "状态", "说明", "最近同步", "待同步天数", "负责翻译组"]
STATE_FILLS = {"missing": PatternFill("solid", fgColor="F8D7DA"), "stale": PatternFill("solid", fgColor="FFF3CD")}


def _rows(report):
    translators = "、".join(report.translators)
    for row in report.rows:
        synced = timezone.localtime(row.synced_at).strftime("%Y-%m-%d %H:%M") if row.synced_at else ""
        days = row.stale_days()
        yield (
            row.state,
            [
                row.kind,
                row.page.title,
                row.page.url_path,
                row.state_label,
                row.note,
                synced,
                "" if days is None else days,
                translators,
            ],
        )


def _summary(report):
    return (
        f"{report.site.site_name} {report.locale.get_display_name()}版：核心页面 {report.total} 个，"
        f"已翻译 {report.mirrored} 个（{report.share_mirrored}%），"
        f"已同步 {report.current} 个（{report.share_current}%）"
    )


def report_csv(report, filename):
    buffer, writer = csv_buffer()
    writer.writerow([_summary(report)])
    writer.writerow(HEADER)
    writer.writerows(values for _, values in _rows(report))
    return download(buffer.getvalue(), "text/csv; charset=utf-8", filename)


def report_xlsx(report, filename):
    book = Workbook()
    sheet = book.active
    sheet.title = "外文版同步状态"
    sheet.append([_summary(report)])
    sheet["A1"].font = Font(bold=True)
    sheet.append(HEADER)
    for state, values in _rows(report):
        sheet.append(values)
        if state in STATE_FILLS:
            sheet.cell(row=sheet.max_row, column=4).fill = STATE_FILLS[state]
    for column, width in zip("ABCDEFGH", (6, 48, 40, 8, 16, 16, 10, 24), strict=True):
        sheet.column_dimensions[column].width = width
    return download(workbook_bytes(book), XLSX, filename)
