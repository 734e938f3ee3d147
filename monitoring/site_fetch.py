"""Fetching a site's pages the way readers get them, and rendering them the way the
platform does, for the availability, tampering and personal-data checks."""

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from wagtail.contrib.routable_page.models import RoutablePageMixin

from home.models import ColumnPage
from monitoring.content import published_pages
from monitoring.http import LinkChecker, Result, read_capped

BODY_LIMIT = 2 * 1024 * 1024
KEY_COLUMNS = 8


@dataclass
class Fetched:
    result: Result
    elapsed: float
    html: str | None = None
    note: str = ""


def checker(timeout):
    """MONITORING_ORIGIN (e.g. http://127.0.0.1:8000) reaches every site through one address
    with its own Host header, as a load balancer would; otherwise each site's own address."""
    origin = getattr(settings, "MONITORING_ORIGIN", "")
    mapping = None
    if origin:
        from wagtail.models import Site

        target = urlsplit(origin).netloc
        mapping = {urlsplit(site.root_url).netloc.lower(): target for site in Site.objects.all()}
    return LinkChecker(timeout=timeout, retries=0, connect_to=mapping)


def key_pages(site):
    """The home page and the first-level core columns (or the first ones when none is core)."""
    home = site.root_page.specific
    columns = ColumnPage.objects.child_of(home).live().public().order_by("path")
    core = [c for c in columns if c.is_core and not c.is_link] or [c for c in columns if not c.is_link]
    return [home, *core[:KEY_COLUMNS]]


def page_url(site, page):
    return site.root_url + page.get_url_parts()[2]


def fetch(link_checker, url, read_body=False):
    """GET a page (following redirects), timing it; the body only when asked and when it is
    HTML of a sane size."""
    started = time.monotonic()
    result = link_checker.check(url)
    html, note = None, ""
    if result.ok and read_body:
        response = link_checker.get(result.final_url, stream=True)
        if "html" not in response.headers.get("Content-Type", ""):
            note = f"不是网页（{response.headers.get('Content-Type', '未知类型')}）"
            response.close()
        else:
            body = read_capped(response, BODY_LIMIT)
            if body is None:
                note = "网页过大，未比对"
            else:
                html = body.decode(response.encoding or "utf-8", errors="replace")
    return Fetched(result, time.monotonic() - started, html, note)


def render(site, page):
    """The HTML the platform renders for the page's published revision, for an anonymous reader."""
    client = Client(HTTP_HOST=site.hostname, raise_request_exception=False)
    response = client.get(page.get_url_parts()[2], secure=site.port == 443)
    return response.content.decode() if response.status_code == 200 else None


def public_paths(site):
    """(page, path) for every URL of the site a reader can open without filling anything in: each
    live public page in every language and the sub-pages its routes answer without parameters
    (reply lists, catalogs, feeds, interview transcripts)."""
    for page in published_pages(site):
        parts = page.get_url_parts()
        if parts is None or parts[0] != site.pk:
            continue
        yield page, parts[2]
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                route = str(pattern.pattern)
                if route and not getattr(pattern.pattern, "converters", True):
                    yield page, parts[2] + route


PAGINATION_LIMIT = 50


def rendered_texts(site, path):
    """(path, text) for the path as an anonymous reader gets it — the main part of an HTML page
    (not the site's header and footer), a feed's or JSON answer's text — and for the further
    pages (?page=2…) of a paginated list, up to PAGINATION_LIMIT of them."""
    client = Client(HTTP_HOST=site.hostname, raise_request_exception=False)
    queue, seen = [path], {path}
    while queue:
        url = queue.pop(0)
        response = client.get(url, secure=site.port == 443)
        kind = response.get("Content-Type", "")
        if response.status_code != 200 or not any(t in kind for t in ("html", "xml", "json", "text/")):
            continue
        body = response.content.decode(response.charset or "utf-8", errors="replace")
        if "html" not in kind:  # feeds, JSON, plain text: read as they are
            yield url, body
            continue
        soup = BeautifulSoup(body, "html.parser")
        yield url, (soup.find("main") or soup).get_text("\n", strip=True)
        for anchor in soup.find_all("a", href=True):
            href = anchor["href"]
            target = path + href if href.startswith("?") else href
            if (
                target.startswith(path + "?")
                and "page=" in target
                and target not in seen
                and len(seen) < PAGINATION_LIMIT
            ):
                seen.add(target)
                queue.append(target)
