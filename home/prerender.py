"""Pages rendered into the page cache by the worker right after a change, before readers ask.

A publish renews the cache tokens of the page, its ancestors (the columns and the home page that list
it), its translations and the pages that link to it (home.page_cache), so each of them would be
rendered again by the first reader who asks. Once the change is committed, a django-q2 task asks the
site for each of those pages the way a reader does (same host, same address, each display mode),
through the full middleware stack: the page cache middleware stores the answer under the very key a
reader's request looks up. A page whose entry is already fresh costs one cache read.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.handlers.base import BaseHandler
from django.test import RequestFactory
from django_q.tasks import async_task

from home.display_mode import COOKIE, ELDER, STANDARD
from home.page_cache import CACHE_ALIAS

MODES = (STANDARD, ELDER)
PENDING = "pc:prerender:pending"
QUEUED = "pc:prerender:queued"
QUEUED_SECONDS = 600  # a task lost with its worker does not stop the next publish from queueing one
_handler = None


def enabled():
    return bool(settings.PAGE_CACHE_SECONDS and getattr(settings, "PAGE_CACHE_PRERENDER", False))


def schedule(page_ids):
    """Queue the rendering of `page_ids` (in that order: what readers open first comes first).

    Publishes in a burst (an import, a review queue approved at once) share one queued task: the
    ids wait in the cache until the worker takes them, and a task is queued only when none waits.
    An id lost to a race is rendered by its first reader, as without this."""
    if not enabled() or not page_ids:
        return
    cache = caches[CACHE_ALIAS]
    waiting = cache.get(PENDING) or []
    cache.set(PENDING, list(dict.fromkeys([*waiting, *page_ids])), timeout=QUEUED_SECONDS)
    if cache.add(QUEUED, True, timeout=QUEUED_SECONDS):
        async_task("home.prerender.prerender_waiting", task_name="页面预渲染")


def prerender_waiting():
    """The worker's task: render the pages waiting, at most PAGE_CACHE_PRERENDER_LIMIT of them."""
    cache = caches[CACHE_ALIAS]
    cache.delete(QUEUED)  # from now on a new publish queues a task of its own
    waiting = cache.get(PENDING) or []
    cache.delete(PENDING)
    return prerender_pages(waiting[: getattr(settings, "PAGE_CACHE_PRERENDER_LIMIT", 60)])


def prerender_pages(page_ids):
    """Render each live, cacheable page of `page_ids` in every display mode; return what was rendered."""
    from wagtail.models import Page

    pages = {page.pk: page for page in Page.objects.live().filter(pk__in=page_ids).specific()}
    rendered = []
    for pk in page_ids:
        page = pages.get(pk)
        if page is None or not getattr(page, "page_cache", False):
            continue
        url = page.get_full_url()
        if not url:  # outside every site
            continue
        for mode in MODES:
            status, cache = render(url, mode)
            rendered.append({"url": url, "mode": mode, "status": status, "cache": cache})
    return rendered


def render(url, mode=STANDARD):
    """Ask for `url` as an anonymous reader in display `mode`; return the status and X-Page-Cache."""
    global _handler  # noqa: PLW0603 one middleware chain per worker process, as a web process has
    if _handler is None:
        _handler = BaseHandler()
        _handler.load_middleware()
    parts = urlsplit(url)
    secure = parts.scheme == "https" or getattr(settings, "SECURE_SSL_REDIRECT", False)
    # No User-Agent: home.pageviews counts readers, and this is not one.
    headers = {"HTTP_COOKIE": f"{COOKIE}={mode}"} if mode != STANDARD else {}
    request = RequestFactory().get(
        parts.path + (f"?{parts.query}" if parts.query else ""),
        HTTP_HOST=parts.netloc,
        HTTP_X_FORWARDED_PROTO="https" if secure else "http",
        secure=secure,
        **headers,
    )
    response = _handler.get_response(request)
    return response.status_code, response.get("X-Page-Cache", "")
