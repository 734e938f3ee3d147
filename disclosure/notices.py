"""Issuing the formal notice of a step as a PDF from its editable template."""

from io import BytesIO
from string import Template
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from disclosure.choices import EventKind
from disclosure.models import IssuedNotice, NoticeKind, NoticeTemplate

NOTICE_OF_STEP = {
    EventKind.REGISTERED: NoticeKind.RECEIPT,
    EventKind.SUPPLEMENT_REQUESTED: NoticeKind.SUPPLEMENT,
    EventKind.EXTENDED: NoticeKind.EXTENSION,
    EventKind.CONSULTATION_STARTED: NoticeKind.CONSULTATION,
    EventKind.REPLIED: NoticeKind.REPLY,
    EventKind.FEE_NOTIFIED: NoticeKind.FEE,
}
FONT = "STSong-Light"  # a CID font built into PDF readers: no font file to ship


def _date(day):
    return f"{day:%Y年%m月%d日}" if day else ""


def placeholders(event):
    request = event.request
    return {
        "number": request.number,
        "name": request.name,
        "received": _date(request.received_on),
        "due": _date(request.deadline(event.on).due),
        "agency": request.site.site_name,
        "reason": event.reason,
        "days": event.days or "",
        "until": _date(event.until),
        "outcome": event.get_outcome_display() if event.outcome else "",
        "letter": event.letter,
        "amount": event.amount or "",
        "date": _date(event.on),
    }


def render_pdf(title, text, agency, on):
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    heading = ParagraphStyle("heading", fontName=FONT, fontSize=18, leading=28, alignment=1, spaceAfter=8 * mm)
    body = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=22, wordWrap="CJK", firstLineIndent=24)
    signature = ParagraphStyle("signature", parent=body, alignment=2, firstLineIndent=0)
    # Everything is text, never ReportLab's paragraph markup: a site name may hold "&" or "<".
    story = [Paragraph(escape(title), heading)]
    for paragraph in text.splitlines():
        story.append(Paragraph(escape(paragraph), body) if paragraph else Spacer(0, 4))
    story += [Spacer(0, 12 * mm), Paragraph(escape(agency), signature), Paragraph(_date(on), signature)]
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=28 * mm, rightMargin=26 * mm).build(story)
    return buffer.getvalue()


def issue(event):
    """Issue the notice of this step, if the step has one and its template exists."""
    kind = NOTICE_OF_STEP.get(event.kind)
    template = NoticeTemplate.objects.filter(kind=kind).first() if kind else None
    if template is None:
        return None
    text = Template(template.body).safe_substitute(placeholders(event))
    pdf = render_pdf(template.title, text, event.request.site.site_name, event.on or timezone.localdate())
    notice = IssuedNotice(event=event, kind=kind, title=template.title, text=text)
    notice.pdf.save(f"{kind}.pdf", ContentFile(pdf), save=False)
    notice.save()
    return notice
