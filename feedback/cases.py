"""The life of a 找错 report: which site it concerns, its number and deadline, the reply, the
monitoring finding that stays open until it is answered, and the monthly figures."""

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Site

from casework.workdays import add_working_days
from feedback.models import ErrorReport, FeedbackSettings, ReportStatus
from home.pageviews import page_for_path
from home.submissions import send_logged

CHECK_NAME = "feedback"


def site_for_url(url):
    """The site of the group that serves `url`, or None (another domain, or no address at all)."""
    try:
        parts = urlsplit(url)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    sites = list(Site.objects.filter(hostname=host).select_related("root_page"))
    return next((s for s in sites if port is None or s.port == port), sites[0] if sites else None)


def site_settings(site):
    # Read without creating the row (FeedbackSettings.for_site would write on a public GET).
    return FeedbackSettings.objects.filter(site=site).first() or FeedbackSettings(site=site)


def reply_days(site):
    return site_settings(site).reply_days


def assign_number(report):
    """ZC<year><6 digits>; submit() retries when a concurrent report took the same number."""
    prefix = f"ZC{report.received_on:%Y}"
    last = ErrorReport.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True)
    used = last.first()
    report.number = f"{prefix}{(int(used[len(prefix) :]) if used else 0) + 1:06d}"


def submit(report):
    """Register a report received online; returns its query code, shown to the reporter once."""
    report.received_on = timezone.localdate()
    report.status = ReportStatus.NEW
    report.due_on = add_working_days(report.received_on, reply_days(report.site))
    report.page = page_for_path(report.site, unquote(urlsplit(report.page_url).path) or "/")
    code = report.set_new_query_code()
    for attempt in range(5):
        assign_number(report)
        try:
            with transaction.atomic():
                report.save()
            break
        except IntegrityError:
            if attempt == 4:
                raise
    settings = site_settings(report.site)
    send_logged(
        "feedback/email/received.txt",
        f"找错报告已收到（{report.number}）",
        [report.contact_email],
        report=report,
        code=code,
    )
    send_logged("feedback/email/staff_new.txt", f"新的找错报告 {report.number}", [settings.notify_email], report=report)
    refresh_finding(report.site)
    return code


def answer(report, user, outcome, text):
    """Reply to the reporter: recorded, shown on the tracking page, e-mailed when they gave an address."""
    report.outcome, report.reply = outcome, text
    report.status = ReportStatus.REPLIED
    report.replied_on = timezone.localdate()
    report.replied_by = user
    report.save(update_fields=["outcome", "reply", "status", "replied_on", "replied_by", "updated_at"])
    send_logged(
        "feedback/email/replied.txt", f"您的找错报告已答复（{report.number}）", [report.contact_email], report=report
    )
    refresh_finding(report.site)


def refresh_finding(site):
    """Open reports are findings of monitoring's 网民找错 check: brought up to date at once."""
    from monitoring.registry import run_check

    run_check(CHECK_NAME, site)


@dataclass
class Month:
    month: int
    received: int = 0
    answered: int = 0
    on_time: int = 0


def monthly_figures(site, year):
    """Received, answered and answered on time per month of `year` (answers counted in the month
    of the report they answer)."""
    months = {m: Month(m) for m in range(1, 13)}
    reports = ErrorReport.objects.filter(site=site, received_on__year=year).values_list(
        "received_on", "status", "replied_on", "due_on"
    )
    for received_on, status, replied_on, due_on in reports:
        row = months[received_on.month]
        row.received += 1
        if status == ReportStatus.REPLIED:
            row.answered += 1
            row.on_time += replied_on <= due_on
    return list(months.values())
