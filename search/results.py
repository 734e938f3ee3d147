"""Turning a reader's search into results: scope, filters, ordering, snippets, suggestions."""

import re
from datetime import datetime, time, timedelta

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page, Site
from wagtail.search.utils import normalise_query_string

from home.models import ArticlePage
from home.models.pages import below
from home.visibility import readable
from search import registry
from search.backends import UnderstoodQuery
from search.fields import uses_database_backend
from search.segment import words
from search.understand import as_search_query, understand

SNIPPET_LENGTH = 120


def searchable_pages(values, site):
    """The queryset to search, and the model it is of, for the reader's scope and filters."""
    model, exact = registry.model_for(values["type"]) if values.get("type") else (Page, False)
    if model is Page and (values.get("department") or values.get("start") or values.get("end")):
        model = ArticlePage  # those filters describe articles and what extends them
    pages = readable(model.objects.filter(locale=Locale.get_active()))
    if exact:
        pages = pages.exact_type(model)
    target = values.get("site") if values.get("scope") == "all" else site
    if target is not None:
        # A mirror's pages live under the translation of the site's root page.
        root = target.root_page.get_translation_or_none(Locale.get_active()) or target.root_page
        pages = pages.filter(below(root, inclusive=True))
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


def search_query(text):
    """The reader's words as the backend's query: the text as typed first, then most of its
    words with their synonyms (search.understand)."""
    understood = understand(text)
    return UnderstoodQuery(understood) if uses_database_backend() else as_search_query(understood)


def run_search(values, site):
    pages = searchable_pages(values, site)
    return pages.search(search_query(values["q"]), order_by_relevance=values.get("sort") != "date")


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
    ids = [page.pk for page in pages]
    found = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    return [found[pk] for pk in ids if pk in found]


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
