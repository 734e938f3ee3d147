"""热门搜索 that never shows raw visitor input: the terms a site's editors approved, then terms
that many distinct visitors searched on that site, that find published content and that hold
neither personal data nor a sensitive word. One visitor cannot promote a term, however often
they search it.

Searches are counted in the cache only (distinct visitors by a keyed hash of the address and
the day, never the address itself); `flush_counts`, a django-q2 schedule, copies the counts of
terms that pass the filters into SearchTermCount."""

import hashlib
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.models import Site

from home import personal_data
from home.counting import incr
from home.segment import query_tokens
from monitoring.models import ContentRule
from search.models import TERM_LENGTH, PopularTerm, SearchTermCount
from search.results import run_search

# A term is popular once this many distinct visitors searched it on one day.
MIN_VISITORS = 10
POPULAR_DAYS = 30
SHOWN = 8
COUNT_SECONDS = 3 * 24 * 3600  # the cache's counts outlive a missed flush
SHOWN_SECONDS = 300
VISITOR_SALT = "search.popular.visitor"


def normalise(query):
    return " ".join((query or "").split()).lower()


def countable(term):
    """Terms worth counting at all: short, with searchable text, without personal data."""
    return 1 < len(term) <= TERM_LENGTH and bool(query_tokens(term)) and not personal_data.contains(term)


def _term_key(day, site_id, term):
    return f"search:popular:{day}:{site_id}:{hashlib.sha256(term.encode()).hexdigest()[:16]}"


def _slots_key(day):
    return f"search:popular:{day}:terms"


def record(request, site, query):
    """Count the search once per visitor, term, site and day — in the cache only."""
    term = normalise(query)
    if site is None or not countable(term):
        return
    day = timezone.localdate().isoformat()
    visitor = salted_hmac(VISITOR_SALT, f"{day}:{request.META.get('REMOTE_ADDR', '')}").hexdigest()[:20]
    key = _term_key(day, site.pk, term)
    if not cache.add(f"{key}:seen:{visitor}", 1, COUNT_SECONDS):
        return
    if cache.add(f"{key}:visitors", 1, COUNT_SECONDS):
        # A new term today: the flush task finds it by its slot number.
        cache.set(f"search:popular:{day}:term:{incr(_slots_key(day), COUNT_SECONDS)}", (site.pk, term), COUNT_SECONDS)
    else:
        incr(f"{key}:visitors", COUNT_SECONDS)


def sensitive_words():
    return list(ContentRule.objects.filter(kind=ContentRule.Kind.SENSITIVE).values_list("word", flat=True))


def finds_content(term, site):
    return bool(run_search({"q": term}, site)[:1])


def flush_counts():
    """Copy yesterday's and today's counts from the cache into SearchTermCount, for terms that
    reached MIN_VISITORS, hold no sensitive word and find published content on their site.
    Idempotent: each run writes the day's totals. Counts older than POPULAR_DAYS are dropped."""
    words = sensitive_words()
    sites = Site.objects.in_bulk()
    today = timezone.localdate()
    written = 0
    for day in (today - timedelta(days=1), today):
        for slot in range(1, (cache.get(_slots_key(day.isoformat())) or 0) + 1):
            entry = cache.get(f"search:popular:{day.isoformat()}:term:{slot}")
            if entry is None or entry[0] not in sites:
                continue
            site, term = sites[entry[0]], entry[1]
            visitors = cache.get(f"{_term_key(day.isoformat(), site.pk, term)}:visitors") or 0
            if visitors < MIN_VISITORS or any(word in term for word in words) or not finds_content(term, site):
                continue
            SearchTermCount.objects.update_or_create(site=site, term=term, day=day, defaults={"visitors": visitors})
            written += 1
    SearchTermCount.objects.filter(day__lt=today - timedelta(days=POPULAR_DAYS)).delete()
    return written


def shown_key(site_id):
    return f"search:popular:shown:{site_id}"


def popular_terms(site):
    """What 热门搜索 shows on the site: its editors' terms, then the most searched counted terms."""
    if site is None:
        return []
    terms = cache.get(shown_key(site.pk))
    if terms is None:
        terms = list(PopularTerm.objects.filter(site=site).values_list("term", flat=True)[:SHOWN])
        words = sensitive_words()
        counted = (
            SearchTermCount.objects.filter(site=site, day__gte=timezone.localdate() - timedelta(days=POPULAR_DAYS))
            .values("term")
            .annotate(total=Sum("visitors"))
            .order_by("-total", "term")
        )
        for row in counted[: SHOWN * 2]:
            # Sensitive words added since the flush apply at once.
            if len(terms) < SHOWN and row["term"] not in terms and not any(w in row["term"] for w in words):
                terms.append(row["term"])
        cache.set(shown_key(site.pk), terms, SHOWN_SECONDS)
    return terms
