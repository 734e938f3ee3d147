"""Dates staff type into a case's steps stay within its life, and deadline arithmetic stays bounded
whatever a record holds (a year 9999 once hung the queue, a year 0001 closed requests at once)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from casework.workdays import add_working_days, working_days_between
from disclosure import lifecycle
from disclosure.choices import EventKind, Status
from disclosure.deadlines import compute_deadline
from tests.test_disclosure_factories import handler, make_request, private_media  # noqa: F401

pytestmark = pytest.mark.django_db
QUEUE = "/admin/disclosure/requests/"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("9999-12-31", "日期不能晚于"),
        ("2999-01-01", "日期不能晚于"),
        ("0001-01-01", "日期不能早于收到申请的日期"),
        ("2000-02-29", "日期不能早于收到申请的日期"),
    ],
)
def test_step_dates_outside_the_cases_life_are_refused_with_a_message(client, portal, typed, message):
    today = timezone.localdate()
    item = make_request(portal, received_on=today)
    client.force_login(handler(portal))
    lifecycle.accept(item, None, "", today)
    response = client.post(
        f"{QUEUE}{item.pk}/steps/consult/", {"consult-on": typed, "consult-reason": "征求第三方意见"}
    )
    text = response.content.decode()
    assert response.status_code == 200 and message in text
    assert "征求第三方意见" in text  # what was typed is kept
    item.refresh_from_db()
    assert item.status == Status.ACCEPTED


def test_a_date_within_the_margin_is_taken(client, portal):
    today = timezone.localdate()
    item = make_request(portal, received_on=today - timedelta(days=3))
    client.force_login(handler(portal))
    lifecycle.accept(item, None, "", today)
    response = client.post(
        f"{QUEUE}{item.pk}/steps/consult/", {"consult-on": today.isoformat(), "consult-reason": "征求第三方意见"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.CONSULTING


class Event:
    def __init__(self, kind, on, pk):
        self.kind, self.on, self.pk, self.days = kind, on, pk, None


def test_deadline_arithmetic_is_bounded_for_stored_absurd_dates():
    received = date(2026, 3, 2)
    events = [
        Event(EventKind.CONSULTATION_STARTED, received, 1),
        Event(EventKind.CONSULTATION_ENDED, date(9999, 12, 31), 2),
    ]
    deadline = compute_deadline(received, events, date(2026, 3, 10))
    assert deadline.due is not None and deadline.due.year < 2050
    assert add_working_days(date(9999, 12, 20), 20) <= date.max
    assert add_working_days(date(2026, 1, 1), 10**9).year < 2040
    assert 0 < working_days_between(date(1, 1, 1), date(9999, 12, 31)) < 3000
