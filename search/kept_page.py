"""The whole search page, kept for anonymous visitors in the "pages" cache (issue 15: the search
page at a tenth of a static file's throughput).

home.page_cache's middleware answers before any view runs; a search cannot be answered there, since
every search, a kept one included, takes its rate limit and counts toward 热门搜索 (search.views does
both, then asks here). An entry is keyed by the address asked (scheme, host and path: the site and
the language), the display mode, the parameters as the form accepted them, the notes shown and the
热门搜索 terms shown. The page is rendered from the accepted parameters alone (`ask_as`), so stray
or invalid parameters neither appear in a kept page nor multiply the entries. An entry holds while
the search token (anything published, unpublished, moved or restricted in the group; synonyms,
promotions, departments) and the site's layout token (menus, header, footer) are unchanged.

A query holding personal data (a phone or ID number) is answered but never kept."""

import hashlib
import re

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import get_language

from home import page_cache, personal_data
from home.display_mode import display_mode
from home.page_cache import CSRF_INPUT, layout_token, search_token

# The form's parameters in the order of the accepted address; a default value is left out.
ORDER = ("q", "scope", "site", "type", "department", "start", "end", "sort", "kind", "exact")
DEFAULTS = {"scope": "site", "sort": "relevance"}
PAGE_NUMBER = re.compile(r"[0-9]{1,6}")


def accepted(values, page, last_page):
    """The search's parameters as the form accepted them (search.forms, search.views.usable_filters),
    and the page number when it is one a search can have (the results stop at `last_page`)."""
    params = QueryDict(mutable=True)
    for name in ORDER:
        value = values.get(name)
        if value in (None, "", False) or value == DEFAULTS.get(name):
            continue
        params[name] = "1" if value is True else str(getattr(value, "pk", value))  # a date: ISO
    if page and PAGE_NUMBER.fullmatch(page) and 1 < int(page) <= last_page:
        params["page"] = str(int(page))
    params._mutable = False
    return params


def ask_as(request, params):
    """Render the page as if `params` were asked: its links (other pages of results, kinds, scopes,
    display mode, language versions, 我为政府网站找错) then carry the accepted parameters only. The
    WSGI environ, which the server logs, keeps the address really asked."""
    request.GET = params
    request.META = {**request.META, "QUERY_STRING": params.urlencode()}


class Shelf:
    """Where the page of one search is kept (see the module's docstring)."""

    def __init__(self, request, site, notes, popular_terms):
        asked = (
            request.scheme,
            request.get_host(),
            request.path,
            get_language(),
            display_mode(request),
            request.GET.urlencode(),
            tuple(notes),
            tuple(popular_terms),
        )
        self.key = f"pc:search-page:{hashlib.sha256(repr(asked).encode()).hexdigest()}"
        self.token_names = [search_token(), *([layout_token(site.pk)] if site else [])]
        self.tokens = None

    def entry(self):
        """The kept page if it is still valid; otherwise None, and the tokens a page rendered now
        will depend on are read first (a change committed while it renders makes it stale)."""
        entry, self.tokens = page_cache.fresh_entry(self.key, self.token_names)
        return entry

    def keep(self, response, counted):
        """Keep a rendered 200 answer; `counted` is the term a hit counts toward 热门搜索 (or None)."""
        if response.status_code != 200 or response.cookies or CSRF_INPUT.search(response.content):
            return  # a cookie or a form's CSRF token is one visitor's: the search page has neither
        page_cache.keep(self.key, response, self.tokens, counted=counted)
        response["X-Page-Cache"] = "miss"


def shelf_for(request, site, query, notes, popular_terms):
    """Where this search's page is kept, or None when it is not: the page cache off, a visitor with a
    session or a message (home.page_cache), or personal data in the query."""
    if not settings.PAGE_CACHE_SECONDS or not page_cache.anonymous(request) or personal_data.contains(query):
        return None
    return Shelf(request, site, notes, popular_terms)
