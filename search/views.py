from datetime import date

from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Site

from casework.limits import RateLimit
from home import page_cache
from home.segment import query_tokens
from search import correction, kept_page, kinds, popular, registry, suggest
from search import results as search_results
from search.forms import SearchForm

RESULTS_PER_PAGE = 10
# Fewer results than this and the query is checked for a typo, pinyin or initials.
FEW_RESULTS = 3
# Results beyond the first thousand are never read; counting them all costs most of a search
# for a very common word, so the count stops there ("1000 条以上").
MAX_RESULTS = 1000
# Dates a reader may filter by; beyond them the date arithmetic of the filters overflows.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
# Filters and the field of the chosen content type they need.
# Per address, counted in the shared `limits` cache: a script cannot flood the search.
SEARCH_LIMIT = RateLimit("search", 60, 60, "搜索过于频繁：每分钟最多搜索60次，请稍后再试。")
SUGGEST_LIMIT = RateLimit("suggest", 300, 60, "输入过于频繁，请稍后再试。")
FILTER_FIELDS = {"department": ("department", "责任单位"), "start": ("date", "起始日期"), "end": ("date", "截止日期")}


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def usable_filters(values, notes):
    """Drop the filters that cannot apply — dates out of range, a department or dates for a
    content type without them — and tell the reader, instead of failing the search."""
    for name in ("start", "end"):
        day = values.get(name)
        if day and not EARLIEST <= day <= LATEST:
            notes.append(f"“{FILTER_FIELDS[name][1]}”须在{EARLIEST.year}年至{LATEST.year}年之间，已忽略。")
            values[name] = None
    if values.get("type"):
        model = registry.model_for(values["type"])[0]
        for name, (field, label) in FILTER_FIELDS.items():
            if values.get(name) and not _has_field(model, field):
                notes.append(f"所选类型没有“{label}”，该条件已忽略。")
                values[name] = None
    return values


def params_for(request, **changes):
    """The query string of this search with some parameters changed (None drops one)."""
    params = request.GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    return params.urlencode()


def _outcome(values, site, request):
    """What a search finds, as plain data (search.results.kept keeps it until something is
    published): the count, the page number and its pages' keys, a correction or alternatives, and
    the count of each kind."""
    query = values["q"]
    paginator, page_obj, pages = search_results.results_page(
        values, site, request.GET.get("page"), MAX_RESULTS, RESULTS_PER_PAGE
    )
    corrected, alternatives = "", []
    if (
        paginator.count < FEW_RESULTS
        and not values.get("exact")
        and not (paginator.count and search_results.found_as_typed(values, site))
    ):
        fix = correction.correct(query)
        fixed = fix.text and search_results.results_page(
            {**values, "q": fix.text}, site, request.GET.get("page"), MAX_RESULTS, RESULTS_PER_PAGE
        )
        # The correction finds at least as much: words of the index rather than a typo.
        if fixed and fixed[0].count and fixed[0].count >= paginator.count:
            paginator, page_obj, pages = fixed
            corrected = query = fix.text
        else:
            alternatives = [t for t in fix.alternatives if t != query]
    # Nothing holds all the words: pages holding most of them, best first, said as such.
    loosened = not paginator.count and not values.get("exact") and search_results.can_loosen(query)
    if loosened:
        values = {**values, "q": query, "loosened": True}
        paginator, page_obj, pages = search_results.results_page(
            values, site, request.GET.get("page"), MAX_RESULTS, RESULTS_PER_PAGE
        )
        loosened = bool(paginator.count)
    searched = None if values.get("kind") else paginator.object_list  # the same search: not run again
    return {
        "count": paginator.count,
        "number": page_obj.number,
        "pks": [page.pk for page in pages],
        "corrected": corrected,
        "alternatives": alternatives,
        "loosened": loosened,
        "counts": search_results.kind_counts({**values, "q": query}, site, MAX_RESULTS, searched),
    }


@require_GET
def search(request):
    site = Site.find_for_request(request)
    values, notes = SearchForm(request.GET, site=site).cleaned()
    values = usable_filters(values, notes)
    # The page is built from the parameters as accepted (search.kept_page): the key of a kept page.
    kept_page.ask_as(request, kept_page.accepted(values, request.GET.get("page"), MAX_RESULTS // RESULTS_PER_PAGE))
    query = values["q"]
    context = {
        "form": SearchForm(request.GET, site=site),
        "search_query": query,
        "notes": notes,
        "scope": values.get("scope") or "site",
        "popular": popular.popular_terms(site),
    }
    if query and SEARCH_LIMIT.take(request):
        notes.append(SEARCH_LIMIT.message)
        return TemplateResponse(request, "search/search.html", context, status=429)

    shelf = kept_page.shelf_for(request, site, query, notes, context["popular"])
    entry = shelf and shelf.entry()
    if entry:
        response, counted = page_cache.replay(request, entry), entry["counted"]
    else:
        counted = _answer(request, site, values, context)
        response = TemplateResponse(request, "search/search.html", context).render()
        if shelf:
            shelf.keep(response, counted)
    # On every search, a kept page included.
    if counted:
        popular.record(request, site, counted)
    return response


def _answer(request, site, values, context):
    """Fill `context` with what the search finds; return the term it counts toward 热门搜索 (the
    query as searched, when it found something), or None."""
    query = values["q"]
    if not query:
        return None
    if not query_tokens(query):
        context["notes"].append("关键词中没有可检索的文字，请输入汉字、字母或数字。")
        return None
    found = search_results.kept(values, site, request.GET.get("page"), lambda: _outcome(values, site, request))
    paginator = Paginator(range(found["count"]), RESULTS_PER_PAGE)
    page_obj = paginator.page(found["number"])
    pages = search_results.specific_in_order_of(found["pks"])
    if found["corrected"]:
        context.update(corrected=found["corrected"], original_query=params_for(request, q=query, exact="1", page=None))
        query = context["search_query"] = found["corrected"]
    elif found["alternatives"]:
        context["alternatives"] = found["alternatives"]
    context["loosened"] = found.get("loosened")  # entries kept before it had the key
    everywhere = values.get("scope") == "all"
    names = search_results.site_names() if everywhere else {}
    carried = search_results.carried_by(pages) if everywhere else {}
    counts = found["counts"]
    context["kinds"] = [
        {
            "key": key,
            "label": label,
            "count": counts.get(key, 0),
            "query": params_for(request, q=query, kind=key, page=None),
        }
        for key, label in kinds.KINDS.items()
        if counts.get(key) or key == values.get("kind")
    ]
    context.update(
        kind=values.get("kind") or "",
        all_kinds_query=params_for(request, q=query, kind=None, page=None),
        all_kinds_count=sum(counts.values()),
        scope_queries={
            scope: params_for(request, q=query, scope=scope, site=None, page=None, exact=None)
            for scope in ("site", "all")
        },
    )
    context["results"] = page_obj
    context["capped"] = paginator.count >= MAX_RESULTS
    context["items"] = [
        {
            "page": page,
            "url": page.get_url(request),
            "site": names.get(page.get_url_parts(request)[0]) if everywhere else "",
            "snippet": search_results.highlight(search_results.page_text(page), query),
            "date": getattr(page, "date", None) or page.first_published_at,
            "carried": carried.get(page.pk, []),
        }
        for page in pages
    ]
    if page_obj.number == 1:
        context["promotions"] = search_results.promotions(query, site, values.get("scope"))
    context["page_query"] = params_for(request, q=query, page=None)
    if not paginator.count:
        context["suggestions"] = search_results.suggestions(query)
        return None
    return query


@require_GET
def suggestions(request):
    """搜索联想 as JSON: {"suggestions": [...]}, words of the index and titles of published pages
    only. Cacheable for a few minutes: the answer depends on the site and the text alone."""
    query = (request.GET.get("q") or "").strip()
    if not query_tokens(query[: suggest.MAX_INPUT]):
        response = JsonResponse({"suggestions": []})
    elif SUGGEST_LIMIT.take(request):
        return JsonResponse({"suggestions": [], "error": SUGGEST_LIMIT.message}, status=429)
    else:
        response = JsonResponse({"suggestions": suggest.suggestions(query, Site.find_for_request(request))})
    patch_cache_control(response, public=True, max_age=suggest.CACHE_SECONDS)
    return response
