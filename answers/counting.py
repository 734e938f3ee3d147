"""Questions are counted in the cache on the request path (asked and answered per site and month,
and each unanswered question without personal data); `flush`, a django-q2 schedule, moves the
counts into MonthlyStat and UnansweredQuestion for the admin's report. A question holding
personal data (a phone number, an ID number…) or any long number is counted as asked but its text
is never kept."""

import hashlib
import re
from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Site

from answers.matching import normalise
from answers.models import QUESTION_LENGTH, MonthlyStat, UnansweredQuestion
from home import personal_data
from home.counting import incr

KEEP_SECONDS = 62 * 24 * 3600  # counts outlive a month of missed flushes
MAX_QUESTIONS = 5000  # distinct unanswered questions kept per month; beyond, only counted


def month_start(day=None):
    return (day or timezone.localdate()).replace(day=1)


def _stat_key(month, site_id, what):
    return f"answers:count:{month}:{site_id}:{what}"


def _question_key(month, site_id, question):
    return f"answers:unanswered:{month}:{site_id}:{hashlib.sha256(question.encode()).hexdigest()[:20]}"


def _slots_key(month):
    return f"answers:unanswered:{month}:slots"


# Seven digits or more, separators allowed: a phone, ID or card number, perhaps mistyped (a check
# character wrong, a digit missing), which the detector rightly does not call one in published
# text; an editor writing FAQ entries never needs it.
LONG_NUMBER = re.compile(r"\d(?:[ \-.]?\d){6,}")


def keepable(question):
    """The question as the report may show it, or None when it holds personal data or a long number."""
    question = normalise(question)[:QUESTION_LENGTH]
    if not question or personal_data.contains(question) or LONG_NUMBER.search(personal_data.fold(question)):
        return None
    return question


def record(site, question, answered):
    month = month_start().isoformat()
    incr(_stat_key(month, site.pk, "asked"), KEEP_SECONDS)
    if answered:
        incr(_stat_key(month, site.pk, "answered"), KEEP_SECONDS)
        return
    question = keepable(question)
    if question is None:
        return
    key = _question_key(month, site.pk, question)
    if cache.add(key, 1, KEEP_SECONDS):
        # A new question this month: the flush finds it by its slot number.
        cache.add(_slots_key(month), 0, KEEP_SECONDS)
        slot = cache.incr(_slots_key(month))
        if slot <= MAX_QUESTIONS:
            cache.set(f"answers:unanswered:{month}:slot:{slot}", (site.pk, question), KEEP_SECONDS)
    else:
        incr(key, KEEP_SECONDS)


def _take(key):
    """The count under key, taken out of the cache (what arrives meanwhile stays for next time)."""
    value = cache.get(key) or 0
    if value:
        try:
            cache.decr(key, value)
        except ValueError:
            return 0
    return value


def flush():
    """Add the cache's counts of this month and the last to the database. Safe to run often."""
    this = month_start()
    last = month_start(this.replace(day=1) - timedelta(days=1))
    sites = set(Site.objects.values_list("pk", flat=True))
    written = 0
    for month in (last, this):
        key_month = month.isoformat()
        for site_id in sites:
            asked = _take(_stat_key(key_month, site_id, "asked"))
            answered = _take(_stat_key(key_month, site_id, "answered"))
            if asked or answered:
                with transaction.atomic():
                    stat, _ = MonthlyStat.objects.get_or_create(site_id=site_id, month=month)
                    MonthlyStat.objects.filter(pk=stat.pk).update(
                        asked=F("asked") + asked, answered=F("answered") + answered
                    )
                written += 1
        for slot in range(1, min(cache.get(_slots_key(key_month)) or 0, MAX_QUESTIONS) + 1):
            held = cache.get(f"answers:unanswered:{key_month}:slot:{slot}")
            if held is None or held[0] not in sites:
                continue
            site_id, question = held
            count = _take(_question_key(key_month, site_id, question))
            if count:
                with transaction.atomic():
                    row, _ = UnansweredQuestion.objects.get_or_create(site_id=site_id, month=month, question=question)
                    UnansweredQuestion.objects.filter(pk=row.pk).update(count=F("count") + count)
                written += 1
    return written
