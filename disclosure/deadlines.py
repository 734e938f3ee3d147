"""The reply deadline of a request, computed from its recorded steps (条例第三十条、第三十二至三十四条).

- 20 working days from receipt (the start day not counted);
- after a 补正, the 20 days run anew from the day the completed request arrived;
- consultation of a third party or another agency does not count: its working days are added;
- one extension adds up to 20 working days;
- the time between a fee notice and the payment does not count, unless the setting
  DISCLOSURE_FEE_PAUSES_DEADLINE is False (whether it pauses is not settled by the texts at hand).
While the applicant owes a 补正 the clock is stopped and there is no due date.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from casework.workdays import WorkCalendar, add_working_days, working_days_between
from disclosure.choices import EventKind

REPLY_DAYS = 20
SUPPLEMENT_NOTICE_DAYS = 7
CONSULTATION_DAYS = 15
MAX_EXTENSION_DAYS = 20


@dataclass(frozen=True)
class Deadline:
    due: date | None
    counting_from: date
    paused_days: int
    extension_days: int
    awaiting_supplement: bool
    consulting: bool


def compute_deadline(received_on, events, today, calendar=None):
    """events: the request's steps (objects with kind, on, days) in the order they happened."""
    calendar = calendar or WorkCalendar()
    start, paused, extension = received_on, 0, 0
    awaiting, consulting_since, fee_since = False, None, None
    fee_pauses = getattr(settings, "DISCLOSURE_FEE_PAUSES_DEADLINE", True)
    for event in sorted(events, key=lambda e: (e.on, e.pk or 0)):
        if event.kind == EventKind.SUPPLEMENT_REQUESTED:
            awaiting = True
        elif event.kind == EventKind.SUPPLEMENTED:
            awaiting, start, paused = False, event.on, 0
        elif event.kind == EventKind.CONSULTATION_STARTED:
            consulting_since = event.on
        elif event.kind == EventKind.CONSULTATION_ENDED and consulting_since:
            paused += working_days_between(consulting_since, event.on, calendar)
            consulting_since = None
        elif event.kind == EventKind.EXTENDED:
            extension += event.days or 0
        elif event.kind == EventKind.FEE_NOTIFIED and fee_pauses:
            fee_since = event.on
        elif event.kind == EventKind.FEE_PAID and fee_since:
            paused += working_days_between(fee_since, event.on, calendar)
            fee_since = None
    for since in (consulting_since, fee_since):
        if since:
            # Still waiting for the answer or the payment: every working day so far is paused time.
            paused += max(working_days_between(since, today, calendar), 0)
    due = None if awaiting else add_working_days(start, REPLY_DAYS + paused + extension, calendar)
    return Deadline(due, start, paused, extension, awaiting, consulting_since is not None)
