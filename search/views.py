from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Site

from search import results as search_results
from search.forms import SearchForm
from search.segment import query_tokens

RESULTS_PER_PAGE = 10
# Results beyond the first thousand are never read; counting them all costs most of a search
# for a very common word, so the count stops there ("1000 条以上").
MAX_RESULTS = 1000


@require_GET
def search(request):
    site = Site.find_for_request(request)
    form = SearchForm(request.GET, site=site)
    values, notes = form.cleaned()
    query = values["q"]
    context = {"form": form, "search_query": query, "notes": notes, "scope": values.get("scope") or "site"}

    if query and not query_tokens(query):
        notes.append("关键词中没有可检索的文字，请输入汉字、字母或数字。")
    elif query:
        paginator = Paginator(search_results.run_search(values, site)[:MAX_RESULTS], RESULTS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page") or 1)
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1)
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
            for page in search_results.specific_in_order(page_obj.object_list)
        ]
        if page_obj.number == 1:
            context["promotions"] = search_results.promotions(query, site, values.get("scope"))
        if not paginator.count:
            context["suggestions"] = search_results.suggestions(query)
        Query.get(query).add_hit()
        params = request.GET.copy()
        params.pop("page", None)
        context["page_query"] = params.urlencode()
    context["popular"] = search_results.popular_queries()
    return TemplateResponse(request, "search/search.html", context)
