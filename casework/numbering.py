"""Case numbers: one counter row per series, locked only for the moment a number is taken."""

from django.db import IntegrityError, transaction

from casework.models import NumberCounter


def next_number(key, highest_used):
    """The next number of the series `key`: one past both its counter and `highest_used()` (the
    highest number already stored, so numbers given by other means are never reused).

    Called before the case is saved and outside any other transaction, so the counter row is
    locked only while the number is taken, never while receipts are rendered or files written.
    A case whose saving then fails leaves a gap in the series, never a duplicate."""
    with transaction.atomic():
        counter = NumberCounter.objects.select_for_update().filter(key=key).first()
        if counter is None:
            try:
                with transaction.atomic():
                    counter = NumberCounter.objects.create(key=key)
            except IntegrityError:  # another submission created it meanwhile: wait for its lock
                counter = NumberCounter.objects.select_for_update().get(key=key)
        counter.value = max(counter.value, highest_used()) + 1
        counter.save(update_fields=["value"])
        return counter.value


def highest_in_series(queryset, prefix):
    """The highest number after `prefix` among the numbers of `queryset` (0 when none)."""
    last = queryset.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True).first()
    return int(last[len(prefix) :]) if last and last[len(prefix) :].isdigit() else 0
