"""Which site answers a request, and its home page, remembered by each process.

Every page request began with two queries Wagtail does not cache: the site for the host name
(`Site.find_for_request`) and the specific row of its home page (`site.root_page.localized.specific`).
Both change only through events that renew page-cache tokens (home.page_cache): a site added, changed
or removed renews the sites token, and publishing the home page renews its page token. So each
process keeps, per host and port, the site with its specific home page and the two token values it
was loaded under; a request whose tokens still match gets a copy of it, for one cache round trip
instead of two queries.
"""

import copy

from django.http.request import split_domain_port
from wagtail.models import Site

from home.page_cache import _cache, _current_tokens, page_token, sites_token

REMEMBERED_HOSTS = 10_000


class SiteLookup:
    def __init__(self):
        self.known = {}

    def find(self, request):
        """The request's site (root_page: its specific home page), as Site.find_for_request would give."""
        address = (split_domain_port(request._get_raw_host())[0], request.get_port())
        known = self.known.get(address)
        if known is not None:
            site, tokens = known
            if _cache().get_many(list(tokens)) == tokens:
                return _copy(site)
        # The tokens are read before what they guard, so that a change committed meanwhile makes
        # the remembered copy stale rather than hiding it.
        tokens = _current_tokens([sites_token()])
        site = Site._find_for_request(request)
        if site is None:
            return None
        tokens.update(_current_tokens([page_token(site.root_page_id)]))
        site.root_page = site.root_page.specific
        if len(self.known) >= REMEMBERED_HOSTS:
            self.known.clear()
        self.known[address] = (site, tokens)
        return _copy(site)


def _copy(site):
    """A copy for one request: attributes a request sets on its site or home page stay its own."""
    mine = copy.copy(site)
    mine.root_page = copy.copy(site.root_page)
    return mine
