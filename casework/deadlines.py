"""Stored due dates follow the calendar: when administrators add, change or delete a holiday, the
due date of every open case is computed anew (in a django-q2 task when there are many)."""

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from casework.models import Case
from casework.workdays import WorkCalendar

# Up to this many open cases are recomputed at once in the administrator's request.
INLINE_LIMIT = 200


def case_models():
    return [model for model in apps.get_models() if issubclass(model, Case)]


def open_cases_count():
    return sum(model.objects.open().count() for model in case_models())


def recompute_open_cases():
    """Refresh the stored due date of every open case; returns how many changed."""
    calendar, today, changed = WorkCalendar(), timezone.localdate(), 0
    for model in case_models():
        cases = model.objects.open().prefetch_related(*model.DUE_PREFETCH)
        for case in cases.iterator(chunk_size=200):
            changed += case.refresh_due(today, calendar)
    return changed


def holidays_changed(**kwargs):
    if open_cases_count() <= INLINE_LIMIT:
        recompute_open_cases()
    else:  # the task must see the committed holiday
        transaction.on_commit(lambda: async_task("casework.deadlines.recompute_open_cases"))
