"""Background jobs of the disclosure app (django-q2)."""

import logging
import smtplib

from django.utils import timezone
from wagtail.models import Page, Site

from casework.effects import take_over
from casework.workdays import WorkCalendar, add_working_days, working_days_left
from disclosure import notices, notifications
from disclosure.choices import EventKind, Status
from disclosure.models import DisclosureRequest, RequestEvent

logger = logging.getLogger(__name__)
DUE_SOON_DAYS = 3


def requests_due_soon(site, today, calendar=None):
    """Open requests of the site due within 3 working days or overdue, chosen by their stored due
    date: (request, due, days left), soonest first."""
    calendar = calendar or WorkCalendar()
    last_day = add_working_days(today, DUE_SOON_DAYS, calendar)
    requests = DisclosureRequest.objects.filter(site=site).due_by(last_day).order_by("due_on", "pk")
    return [(request, request.due_on, working_days_left(request.due_on, today, calendar)) for request in requests]


def refresh_stopped_clocks(today=None):
    """While a consultation or an unpaid fee stops a request's clock its due date moves on with
    every working day: stored anew each day, before anything reads it."""
    calendar = WorkCalendar()
    stopped = DisclosureRequest.objects.filter(status__in=(Status.CONSULTING, Status.AWAITING_FEE))
    for request in stopped.prefetch_related("events"):
        request.refresh_due(today, calendar)


def notify_requests_due_soon():
    """Daily: email each site's handlers the open requests due within 3 working days or overdue."""
    today = timezone.localdate()
    refresh_stopped_clocks(today)
    failed = []
    for site in Site.objects.all():
        rows = requests_due_soon(site, today)
        if rows:
            try:
                notifications.due_soon(site, rows)
            except (OSError, smtplib.SMTPException):  # the other sites are still told
                logger.exception("到期提醒发送失败：%s", site.site_name)
                failed.append(site.site_name)
    if failed:  # the task shows as failed in django-q2's admin
        raise RuntimeError(f"到期提醒未能发送：{'、'.join(failed)}")


# Tasks a step sets off (casework.effects.run_later): ids only, each safe to run again.


def issue_notice(event_id):
    """The formal notice (the receipt first of all) of a recorded step, as a PDF."""
    event = RequestEvent.objects.select_related("request__site").get(pk=event_id)
    if not hasattr(event, "notice"):
        notices.issue(event)


def send_received(request_id, page_id, code_token):
    request = DisclosureRequest.objects.select_related("site").get(pk=request_id)
    page = Page.objects.filter(pk=page_id).specific().first() if page_id else None
    notifications.request_received(request, take_over(code_token, keep=True), page)
    take_over(code_token)  # sent: the code is no longer kept anywhere


STEP_EMAILS = {
    EventKind.SUPPLEMENT_REQUESTED: notifications.supplement_requested,
    EventKind.EXTENDED: notifications.extended,
    EventKind.FEE_NOTIFIED: notifications.fee_notified,
    EventKind.REPLIED: notifications.replied,
}


def send_step_email(event_id):
    event = RequestEvent.objects.select_related("request__site").get(pk=event_id)
    STEP_EMAILS[event.kind](event.request, event)
