"""The report as XLSX (home.exports.workbook_bytes, so no typed text runs as a formula) and as PDF
(ReportLab's built-in CID font, as monitoring's quarterly report)."""

import io
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from home.exports import XLSX, download, workbook_bytes
from yearly_report.table import report_table


def title(page):
    return f"{(page.figures.get('identity') or {}).get('name', '')}{page.year}年政府网站工作年度报表"


def _filename(page, extension):
    return f"政府网站工作年度报表-{page.year}.{extension}"


def report_xlsx(page):
    book = Workbook()
    sheet = book.active
    sheet.title = f"{page.year}年度报表"
    sheet.append([title(page)])
    sheet["A1"].font = Font(bold=True, size=14)
    for section in report_table(page):
        sheet.append([section.title])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
        for label, value, level in section.rows:
            sheet.append([("　　" * level) + label, value])
    sheet.column_dimensions["A"].width = 52
    sheet.column_dimensions["B"].width = 40
    for row in sheet.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(horizontal="left")
    return download(workbook_bytes(book), XLSX, _filename(page, "xlsx"))


def report_pdf(page):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=15, wordWrap="CJK")
    bold = ParagraphStyle("bold", parent=body, fontSize=11.5)
    heading = ParagraphStyle("title", parent=body, fontSize=16, leading=24, alignment=1)

    def text(value, style=body):
        # Names typed by editors are text, never ReportLab's paragraph markup ("<", "&"…).
        return Paragraph(escape(str(value)), style)

    rows, spans = [], []
    for section in report_table(page):
        spans.append(("SPAN", (0, len(rows)), (1, len(rows))))
        spans.append(("BACKGROUND", (0, len(rows)), (1, len(rows)), "#EEEEEE"))
        rows.append([text(section.title, bold), ""])
        rows += [[text(("　　" * level) + label), text(value)] for label, value, level in section.rows]
    table = Table(
        rows,
        colWidths=[300, 180],
        style=[("GRID", (0, 0), (-1, -1), 0.5, "#999999"), ("VALIGN", (0, 0), (-1, -1), "TOP"), *spans],
    )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=title(page)).build([text(title(page), heading), Spacer(0, 8), table])
    return download(buffer.getvalue(), "application/pdf", _filename(page, "pdf"))
