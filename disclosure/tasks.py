"""Background jobs of the disclosure app (django-q2)."""

from django.utils import timezone
from wagtail.models import Site

from casework.workdays import WorkCalendar, working_days_left
from disclosure import notifications
from disclosure.lifecycle import open_requests

DUE_SOON_DAYS = 3


def requests_due_soon(site, today):
    """Open requests of the site due within 3 working days or overdue: (request, due, days left)."""
    calendar = WorkCalendar()
    rows = []
    for request in open_requests().filter(site=site).prefetch_related("events"):
        due = request.deadline(today).due
        left = working_days_left(due, today, calendar) if due else None
        if left is not None and left <= DUE_SOON_DAYS:
            rows.append((request, due, left))
    return sorted(rows, key=lambda row: row[2])


def notify_requests_due_soon():
    """Daily: email each site's handlers the open requests due within 3 working days or overdue."""
    today = timezone.localdate()
    for site in Site.objects.all():
        rows = requests_due_soon(site, today)
        if rows:
            notifications.due_soon(site, rows)
