"""Page views per page and day, counted in the cache only: nothing about the visitor (no address,
no cookie, no identifier) is read or kept, and a public request writes nothing to the database.

The middleware sits outside the page cache, so pages answered from it count too. It counts a
GET answered with an HTML 200 for a browser: not a bot (by User-Agent; a client that sends none,
as monitoring's fetches do, is not counted), not a signed-in user (staff), not the admin, its
previews or the API. A view whose Referer is not the same host starts a visit (网站总访问量).
A django-q2 schedule copies the day's totals into the database (`flush` in the yearly report app,
which owns the table); `counted_paths(day)` is what it reads, `site_for_host` which site a host is."""

import hashlib
import re

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language_from_path
from wagtail.models import Page

from home.counting import incr

COUNT_SECONDS = 3 * 24 * 3600  # counts outlive a missed flush
MAX_PATHS_PER_DAY = 100_000  # a flood of distinct addresses cannot grow the cache without bound
PATH_LENGTH = 255
BOTS = re.compile(
    r"bot|spider|crawl|slurp|curl|wget|python|java/|go-http|httpclient|okhttp|headless|monitor|scan|fetch|preview",
    re.IGNORECASE,
)
NOT_PAGES = ("/admin/", "/api/", "/documents/", "/static/", "/media/", "/healthz", "/robots.txt", "/sitemap.xml")


def _slots_key(day):
    return f"pv:{day}:slots"


def _slot_key(day, slot):
    return f"pv:{day}:slot:{slot}"


def _count_key(day, host, path):
    return f"pv:{day}:{hashlib.sha256(f'{host}{path}'.encode()).hexdigest()[:24]}"


def countable(request, response):
    if request.method != "GET" or response.status_code != 200:
        return False
    if not response.get("Content-Type", "").startswith("text/html") or request.path.startswith(NOT_PAGES):
        return False
    agent = request.META.get("HTTP_USER_AGENT", "")
    if not agent or BOTS.search(agent) or request.META.get("HTTP_PURPOSE") == "prefetch":
        return False
    # Only a visitor with a session can be signed in; reading the user costs nothing otherwise.
    session, user = getattr(request, "session", None), getattr(request, "user", None)
    return not (session is not None and session.session_key and user is not None and user.is_authenticated)


def record(request):
    """Count one view of the requested address (and one visit when it came from elsewhere). By host,
    not site: finding the site would cost a query on every page the page cache answers."""
    day = timezone.localdate().isoformat()
    host, path = request.get_host().lower(), request.path[:PATH_LENGTH]
    key = _count_key(day, host, path)
    if cache.add(f"{key}:views", 1, COUNT_SECONDS):
        slot = incr(_slots_key(day), COUNT_SECONDS)
        if slot > MAX_PATHS_PER_DAY:
            return
        cache.set(_slot_key(day, slot), (host, path), COUNT_SECONDS)
    else:
        incr(f"{key}:views", COUNT_SECONDS)
    referer = request.META.get("HTTP_REFERER", "")
    if not referer or referer.split("/")[2:3] != [host]:
        incr(f"{key}:entries", COUNT_SECONDS)


def counted_paths(day):
    """[(host, path, views, visits)] counted on `day` so far."""
    day = day.isoformat()
    rows = []
    for slot in range(1, min(cache.get(_slots_key(day)) or 0, MAX_PATHS_PER_DAY) + 1):
        entry = cache.get(_slot_key(day, slot))
        if entry is None:
            continue
        key = _count_key(day, *entry)
        counts = cache.get_many([f"{key}:views", f"{key}:entries"])
        rows.append((*entry, counts.get(f"{key}:views", 0), counts.get(f"{key}:entries", 0)))
    return rows


class PageViewMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if countable(request, response):
            record(request)
        return response


def site_for_host(host, sites):
    """The site Wagtail serves for `host` ("name" or "name:port") among `sites`, as its routing does:
    hostname and port, else the hostname alone, else the default site."""
    hostname, _, port = host.partition(":")
    matches = [s for s in sites if s.hostname == hostname]
    return (
        next((s for s in matches if str(s.port) == (port or "80")), None)
        or (matches[0] if len(matches) == 1 else None)
        or next((s for s in sites if s.is_default_site), None)
    )


def page_for_path(site, path):
    """The page of `site` served at `path` (a Chinese page, or a mirror's under /en/…), or None."""
    language = get_language_from_path(path)
    root = site.root_page
    if language:
        path = path[len(language) + 1 :]
        root = Page.objects.filter(translation_key=root.translation_key, locale__language_code=language).first()
        if root is None:
            return None
    rest = path.strip("/")
    url_path = root.url_path + (rest + "/" if rest else "")
    return Page.objects.filter(url_path=url_path).first()
