"""Downloads: monthly statistics as CSV or XLSX, the quarterly report as XLSX or PDF."""

import io
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from home.exports import XLSX, csv_buffer, download, workbook_bytes
from monitoring.reports import severity_labels
from monitoring.statistics import NEWS_TARGET

SHORT_FILL = PatternFill("solid", fgColor="F8D7DA")


def _statistics_rows(stats):
    header = ["责任单位"] + [f"{y}年{m}月（总数/动态）" for y, m in stats.months]
    rows = [[row.name] + [f"{total}/{news}" for total, news, _ in row.cells(stats.months)] for row in stats.rows]
    rows.append(["全站合计"] + [str(total) for total in stats.site_totals()])
    return header, rows


def statistics_csv(stats, filename):
    header, rows = _statistics_rows(stats)
    buffer, writer = csv_buffer()
    writer.writerow(header)
    writer.writerows(rows)
    writer.writerow([f"注：动态类信息每月少于 {NEWS_TARGET} 条的单位：" + "；".join(_short_list(stats))])
    return download(buffer.getvalue(), "text/csv; charset=utf-8", filename)


def _short_list(stats):
    return [f"{name}（{y}年{m}月）" for name, (y, m) in stats.short_of_target()]


def statistics_xlsx(stats, filename):
    book = Workbook()
    sheet = book.active
    sheet.title = "发布统计"
    sheet.append([f"{stats.site.site_name} 信息发布统计（总数/动态类；动态类每月不少于 {NEWS_TARGET} 条）"])
    sheet["A1"].font = Font(bold=True)
    header, _ = _statistics_rows(stats)
    sheet.append(header)
    for row in stats.rows:
        sheet.append([row.name] + [f"{total}/{news}" for total, news, _ in row.cells(stats.months)])
        for index, (_, _, short) in enumerate(row.cells(stats.months), start=2):
            if short:
                sheet.cell(row=sheet.max_row, column=index).fill = SHORT_FILL
    sheet.append(["全站合计", *stats.site_totals()])
    sheet.column_dimensions["A"].width = 24
    return download(workbook_bytes(book), XLSX, filename)


def report_xlsx(report, filename):
    book = Workbook()
    sheet = book.active
    sheet.title = "监测报告"
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(["一、监测发现的问题"])
    sheet.append(["检查项", *severity_labels(), "已解决"])
    for label, counts, resolved in report.by_check:
        sheet.append([label, *counts, resolved])
    sheet.append([])
    sheet.append(["问题", "严重程度", "状态", "首次发现", "最近发现"])
    for f in report.findings:
        sheet.append([f.title, f.get_severity_display(), f.get_status_display(), _day(f.first_seen), _day(f.last_seen)])
    sheet.append([])
    sheet.append(["二、信息发布统计（总数/动态类）"])
    for name, months in report.publications:
        sheet.append(
            [name, *[f"{label} {total}/{news}{' 未达标' if short else ''}" for label, total, news, short in months]]
        )
    sheet.append([])
    sheet.append(["三、互动答复时效"])
    for f in report.timeliness:
        sheet.append([f.title, f.get_status_display()])
    if not report.timeliness:
        sheet.append(["本季度无即将到期或超期的答复。"])
    for heading, lines in report.numbered_sections:
        sheet.append([])
        sheet.append([heading])
        for text in lines:
            sheet.append([text])
    sheet.column_dimensions["A"].width = 60
    return download(workbook_bytes(book), XLSX, filename)


def report_pdf(report, filename):
    """A PDF with ReportLab's built-in CID font for Chinese (no font file needed)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=16, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontSize=13, leading=20, spaceBefore=8)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=24, alignment=1)

    def text(value, style):
        # Page titles and names are text, never ReportLab's paragraph markup ("<", "&"…).
        return Paragraph(escape(str(value)), style)

    def table(rows):
        return Table(
            [[text(cell, body) for cell in row] for row in rows],
            style=[("GRID", (0, 0), (-1, -1), 0.5, "#999999"), ("VALIGN", (0, 0), (-1, -1), "TOP")],
        )

    story = [text(report.title, title), Spacer(0, 8), text("一、监测发现的问题", heading)]
    if report.by_check:
        story.append(
            table(
                [
                    ["检查项", *severity_labels(), "已解决"],
                    *[[label, *counts, n] for label, counts, n in report.by_check],
                ]
            )
        )
        story.append(Spacer(0, 6))
        story.append(
            table(
                [["问题", "状态", "首次发现"]]
                + [[f.title, f.get_status_display(), _day(f.first_seen)] for f in report.findings[:200]]
            )
        )
    else:
        story.append(text("本季度未发现问题。", body))
    story.append(text("二、信息发布统计（总数/动态类）", heading))
    for name, months in report.publications:
        cells = "；".join(
            f"{label} {total}/{news}{'（未达标）' if short else ''}" for label, total, news, short in months
        )
        story.append(text(f"{name}：{cells}", body))
    story.append(text("三、互动答复时效", heading))
    for f in report.timeliness or []:
        story.append(text(f"{f.title}（{f.get_status_display()}）", body))
    if not report.timeliness:
        story.append(text("本季度无即将到期或超期的答复。", body))
    for title_text, lines in report.numbered_sections:
        story.append(text(title_text, heading))
        for line in lines:
            story.append(text(line, body))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=report.title).build(story)
    return download(buffer.getvalue(), "application/pdf", filename)


def _day(moment):
    from django.utils import timezone

    return f"{timezone.localtime(moment):%Y-%m-%d}"
