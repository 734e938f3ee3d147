from datetime import date

from django.core.exceptions import FieldDoesNotExist
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Site

from casework.limits import RateLimit
from search import popular, registry
from search import results as search_results
from search.forms import SearchForm
from search.segment import query_tokens

RESULTS_PER_PAGE = 10
# Results beyond the first thousand are never read; counting them all costs most of a search
# for a very common word, so the count stops there ("1000 条以上").
MAX_RESULTS = 1000
# Dates a reader may filter by; beyond them the date arithmetic of the filters overflows.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
# Filters and the field of the chosen content type they need.
# Per address, counted in the shared `limits` cache: a script cannot flood the search.
SEARCH_LIMIT = RateLimit("search", 60, 60, "搜索过于频繁：每分钟最多搜索60次，请稍后再试。")
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


@require_GET
def search(request):
    site = Site.find_for_request(request)
    form = SearchForm(request.GET, site=site)
    values, notes = form.cleaned()
    values = usable_filters(values, notes)
    query = values["q"]
    context = {"form": form, "search_query": query, "notes": notes, "scope": values.get("scope") or "site"}

    status = 200
    if query and SEARCH_LIMIT.take(request):
        notes.append(SEARCH_LIMIT.message)
        status = 429
    elif query and not query_tokens(query):
        notes.append("关键词中没有可检索的文字，请输入汉字、字母或数字。")
    elif query:
        paginator, page_obj, pages = search_results.results_page(
            values, site, request.GET.get("page"), MAX_RESULTS, RESULTS_PER_PAGE
        )
        names = search_results.site_names()
        context["results"] = page_obj
        context["capped"] = paginator.count >= MAX_RESULTS
        context["items"] = [
            {
                "page": page,
                "url": page.get_url(request),
                "site": names.get(page.get_url_parts(request)[0]) if values.get("scope") == "all" else "",
                "snippet": search_results.highlight(search_results.page_text(page), query),
                "date": getattr(page, "date", None) or page.first_published_at,
            }
            for page in pages
        ]
        if page_obj.number == 1:
            context["promotions"] = search_results.promotions(query, site, values.get("scope"))
        if paginator.count:
            popular.record(request, site, query)
        else:
            context["suggestions"] = search_results.suggestions(query)
        params = request.GET.copy()
        params.pop("page", None)
        context["page_query"] = params.urlencode()
    context["popular"] = popular.popular_terms(site)
    return TemplateResponse(request, "search/search.html", context, status=status)
