"""Turning a reader's search into results: scope, filters, ordering, snippets, suggestions."""

import hashlib
import re
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page, Site
from wagtail.search.utils import normalise_query_string

from home.models import ArticlePage
from home.models.pages import below
from home.page_cache import kept_while, search_token
from home.search_fields import uses_database_backend
from home.segment import words
from home.visibility import readable
from search import kinds, registry
from search.backends import UnderstoodQuery, matched_rows
from search.understand import as_search_query, understand

SNIPPET_LENGTH = 120


def searchable_pages(values, site):
    """The queryset to search, and the model it is of, for the reader's scope and filters."""
    model, exact = registry.model_for(values["type"]) if values.get("type") else (Page, False)
    if model is Page and (values.get("department") or values.get("start") or values.get("end")):
        model = ArticlePage  # those filters describe articles and what extends them
    locale = Locale.get_active()
    pages = readable(model.objects.filter(locale=locale))
    if exact:
        pages = pages.exact_type(model)
    target = values.get("site") if values.get("scope") == "all" else site
    if target is not None:
        # A mirror's pages live under the translation of the site's root page.
        root = target.root_page.get_translation_or_none(locale) or target.root_page
        pages = pages.filter(below(root, inclusive=True))
    else:
        # The whole group: a page other sites carry as a reference (a Wagtail alias) is listed
        # once, as its source (carried_by names the sites). Search backends filter by the
        # page's own indexed fields only, hence the keys.
        pages = pages.exclude(pk__in=list(Page.objects.filter(alias_of__live=True).values_list("pk", flat=True)))
    if values.get("kind"):
        pages = pages.filter(kinds.condition(values["kind"]))
    if values.get("department"):
        pages = pages.filter(department=values["department"])
    if values.get("start"):
        pages = pages.filter(date__gte=day_start(values["start"]))
    if values.get("end"):
        pages = pages.filter(date__lt=day_start(values["end"] + timedelta(days=1)))
    if values.get("sort") == "date":
        pages = pages.order_by("-date" if model is not Page and hasattr(model, "date") else "-first_published_at")
    return pages


def day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def search_query(text, loosened=False):
    """The reader's words as the backend's query: the text as typed first, then most of its
    words with their synonyms (search.understand); `loosened`: one word fewer required."""
    understood = understand(text)
    if loosened:
        understood = understood.loosened() or understood
    return UnderstoodQuery(understood) if uses_database_backend() else as_search_query(understood)


def can_loosen(text):
    return understand(text).loosened() is not None


def run_search(values, site):
    pages = searchable_pages(values, site)
    query = search_query(values["q"], values.get("loosened", False))
    return pages.search(query, order_by_relevance=values.get("sort") != "date")


def found_as_typed(values, site):
    """Whether some page holds the query exactly as typed: then it is no typo."""
    return bool(searchable_pages(values, site).search(values["q"])[:1].count())


def kind_counts(values, site, limit, searched=None):
    """{kind: results} of the search without its kind filter, each count stopping at `limit`;
    `searched` is that search when the page already ran it."""
    unfiltered = {**values, "kind": ""}
    rows = matched_rows(searched if searched is not None else run_search(unfiltered, site), limit)
    if rows is not None:
        return kinds.counts(rows)
    return {kind: run_search({**unfiltered, "kind": kind}, site)[:limit].count() for kind in kinds.KINDS}


def carried_by(pages):
    """{page id: names of the other sites that carry it as a reference}."""
    sites = list(Site.objects.select_related("root_page"))
    found = {}
    for source, path in Page.objects.filter(alias_of__in=[p.pk for p in pages], live=True).values_list(
        "alias_of_id", "path"
    ):
        name = next((s.site_name for s in sites if path.startswith(s.root_page.path)), "")
        if name and name not in found.setdefault(source, []):
            found[source].append(name)
    return found


def results_page(values, site, number, limit, per_page):
    """What a results page runs: the search cut at `limit` results (so the count stops there),
    the requested page of it (the first when the number is bad or out of range), and that
    page's pages as their specific types, in order. The view and bench/search_bench.py both
    call this."""
    paginator = Paginator(run_search(values, site)[:limit], per_page)
    try:
        page_obj = paginator.page(number or 1)
    except (PageNotAnInteger, EmptyPage):
        page_obj = paginator.page(1)
    return paginator, page_obj, specific_in_order(page_obj.object_list)


def specific_in_order(pages):
    return specific_in_order_of([page.pk for page in pages])


def specific_in_order_of(ids):
    found = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [found[pk] for pk in ids if pk in found]


def kept(values, site, number, compute):
    """compute()'s outcome of this search (plain data), kept in the pages cache until anything is
    published, unpublished or moved in the group (home.page_cache.search_token): popular searches
    repeat. Computed each time when the page cache is off."""
    if not settings.PAGE_CACHE_SECONDS:
        return compute()
    asked = sorted((name, getattr(value, "pk", value)) for name, value in values.items())
    key = repr((site and site.pk, get_language(), asked, number or 1)).encode()
    return kept_while(search_token(), f"search:{hashlib.sha256(key).hexdigest()}", compute)


def site_names():
    return {site.pk: site.site_name for site in Site.objects.all()}


def page_text(page):
    text = getattr(page, "summary", "") or page.search_description
    body = getattr(page, "body", None)
    if not text and body is not None:
        text = " ".join(str(chunk) for chunk in body.stream_block.get_searchable_content(body))
    return re.sub(r"\s+", " ", strip_tags(text or "")).strip()


def highlight(text, query, length=SNIPPET_LENGTH):
    """A window of the text around the first match, with the query's words marked."""
    terms = [t for t in [query.strip(), *words(query)] if t]
    lowered = text.lower()
    first = min((i for i in (lowered.find(t.lower()) for t in terms) if i >= 0), default=0)
    start = max(0, first - length // 3)
    window = text[start : start + length]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"\0{m.group(0)}\1", window) if terms else window
    html = escape(marked).replace("\0", "<mark>").replace("\1", "</mark>")
    return mark_safe(("…" if start else "") + html + ("…" if start + length < len(text) else ""))  # noqa: S308


def suggestions(query):
    """Shorter searches to offer when nothing was found: the query's words on their own."""
    found = [w for w in words(query) if w != query and len(w) > 1]
    return found[:6]


def promotions(query, site, scope):
    if not query:
        return []
    # Looked up, never created: a visitor's search writes nothing to the database.
    promoted = Query.objects.filter(query_string=normalise_query_string(query)).first()
    if promoted is None:
        return []
    picks = promoted.editors_picks.select_related("page").order_by("sort_order")
    result = []
    for pick in picks:
        page = pick.page
        if page is None or not page.live:
            continue
        if scope != "all" and site is not None and not page.path.startswith(site.root_page.path):
            continue
        result.append((page.specific, pick.description))
    return result
