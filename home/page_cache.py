"""Anonymous page cache with precise invalidation.

A page response served to a visitor without a session is kept in the "pages" cache (Redis when
configured, a shared directory otherwise, so the web processes and the worker see one cache). Each
entry records the tokens it depends on: its page, its site's layout (menus, side navigation) and,
for pages that gather content from across the site (the disclosure catalog), the site's content.
Publishing, unpublishing, moving or deleting a page replaces the tokens of that page, its ancestors
(the columns and the home page that list it), its translations and every page that links to any of
them; a structural page (column, topic, home) also replaces its site's layout token. An entry whose
tokens no longer match is a miss, so nothing needs to find and delete cached URLs.

Only page types that opt in (``page_cache = True``) are kept; forms, tracking and live-computed pages
do not. CSRF tokens of forms on cached pages are replaced for every visitor; a page whose form has
a captcha (article comments) is not kept, since its challenge is good for one visitor only.
"""

import contextlib
import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.http import HttpResponse
from django.middleware.csrf import get_token
from wagtail.models import Page, ReferenceIndex, Site

from home.display_mode import STANDARD, display_mode

CACHE_ALIAS = "pages"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"@@page-cache-csrf@@"
# A form's captcha (casework.captcha) is one visitor's single-use challenge: such a page is not kept.
CAPTCHA_INPUT = b'name="captcha_token"'
# Cookies that mean the visitor may see something personal: a login, or a one-time message.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
REMEMBERED_ADDRESSES = 50_000
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options", "Cache-Control", "Link")


def _cache():
    return caches[CACHE_ALIAS]


def page_token(page_id):
    return f"pc:page:{page_id}"


def layout_token(site_id):
    return f"pc:layout:{site_id}"


def content_token(site_id):
    return f"pc:content:{site_id}"


def sites_token():
    """Which site answers each host name: a page cached for a host before its site existed (served
    by the default site) must not outlive the new site."""
    return "pc:sites"


def search_token():
    """What any search may find: replaced by every publish, unpublish, move, restriction or site
    change anywhere in the group (search.views keeps results under it)."""
    return "pc:search"


def _entry_key(request):
    # Elder mode is rendered by the server (home.display_mode): each mode has its own entry.
    address = f"{display_mode(request)}|{request.get_host()}{request.get_full_path()}".encode()
    return f"pc:entry:{hashlib.sha256(address).hexdigest()}"


def _current_tokens(names):
    """The current value of each token; a token evicted from the cache gets a new value, so no
    entry recorded against the old one can match again."""
    cache = _cache()
    values = cache.get_many(names)
    for name in set(names) - set(values):
        cache.add(name, uuid.uuid4().hex, timeout=None)
        values[name] = cache.get(name)
    return values


def replace_tokens(names):
    if names:
        _cache().set_many({name: uuid.uuid4().hex for name in names}, timeout=None)


def anonymous(request):
    """A GET or HEAD from a visitor who may be shown a kept page (no login, no pending message)."""
    return request.method in ("GET", "HEAD") and not any(name in request.COOKIES for name in PERSONAL_COOKIES)


class PageCacheMiddleware:
    """Answers anonymous GET requests from the page cache; keeps the page responses that may be."""

    def __init__(self, get_response):
        self.get_response = get_response
        # The token names each address's entry last depended on, so that a hit reads the entry
        # and its tokens in one round trip.
        self.token_names = {}
        from home.site_lookup import SiteLookup  # it builds on this module

        self.sites = SiteLookup()

    def __call__(self, request):
        cacheable = settings.PAGE_CACHE_SECONDS and anonymous(request)
        if cacheable:
            key = _entry_key(request)
            entry = self._fresh_entry(key)
            if entry:
                return replay(request, entry)
        if not hasattr(request, "_wagtail_site"):  # what Site.find_for_request reads first
            # A database that is down is left to the view: /healthz reports it.
            with contextlib.suppress(DatabaseError):
                request._wagtail_site = self.sites.find(request)
        response = self.get_response(request)
        if not cacheable:
            return response
        tokens = getattr(request, "page_cache_tokens", None)
        if (
            tokens
            and request.method == "GET"
            and response.status_code == 200
            and not response.cookies
            and CAPTCHA_INPUT not in response.content
        ):
            self._store(request, response, tokens)
            self._remember(key, tokens)
            response["X-Page-Cache"] = "miss"
        return response

    def _fresh_entry(self, key):
        names = self.token_names.get(key)
        if names:
            return fresh_entry(key, names)[0]
        entry = _cache().get(key)
        if entry and _current_tokens(list(entry["tokens"])) == entry["tokens"]:
            self._remember(key, entry["tokens"])
            return entry
        return None

    def _remember(self, key, tokens):
        if len(self.token_names) >= REMEMBERED_ADDRESSES:
            self.token_names.clear()
        self.token_names[key] = list(tokens)

    def _store(self, request, response, tokens):
        # A CDN keys pages by address alone: it may keep only the standard variant (elder visitors
        # served it switch to elder mode in the browser, site/static/js/a11y-init.js).
        shared = display_mode(request) == STANDARD and not CSRF_INPUT.search(response.content)
        if frontend_cache_enabled() and shared:
            response["Cache-Control"] = f"public, max-age=0, s-maxage={settings.PAGE_CACHE_SECONDS}"
        keep(_entry_key(request), response, tokens)


def fresh_entry(key, token_names):
    """The entry kept at `key` if it was kept under the current values of `token_names`, and those
    values (what an entry kept now depends on), in one round trip."""
    found = _cache().get_many([key, *token_names])
    entry = found.pop(key, None)
    if len(found) < len(token_names):
        found = _current_tokens(token_names)
    return (entry if entry and entry["tokens"] == found else None), found


def keep(key, response, tokens, **extra):
    """Keep `response` at `key` while `tokens` hold; a form's CSRF token becomes a placeholder
    (replay() puts the visitor's own in)."""
    content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    entry = {"tokens": tokens, "status": response.status_code, "headers": headers, "content": content, **extra}
    _cache().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)


def replay(request, entry):
    content = entry["content"]
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def kept_while(token, name, compute):
    """compute()'s value, kept in the pages cache until `token` is replaced."""
    key = f"pc:kept:{name}:{_current_tokens([token])[token]}"
    value = _cache().get(key)
    if value is None:
        value = compute()
        _cache().set(key, value, timeout=3600)
    return value


def listing_count(page, queryset):
    """The number of items a listing page shows, kept until its page token changes (anything
    published, unpublished or moved below it): counting a large column costs more than the rest
    of its page."""
    return kept_while(page_token(page.pk), f"count:{page.pk}", queryset.count)


def site_layout_value(request, name, compute):
    """A value drawn from the menus of the request's site, kept until its layout token changes
    (computed each time outside a site)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return compute()
    return kept_while(layout_token(site.pk), f"{name}:{site.pk}", compute)


def note_served_page(page, request):
    """Called as Wagtail starts serving `page`: reads the tokens the response will depend on
    before the page is rendered, so a change committed while it renders makes the entry stale."""
    if not settings.PAGE_CACHE_SECONDS or not anonymous(request) or not getattr(page, "page_cache", False):
        return
    if page.get_view_restrictions().exists():
        return
    names = [page_token(page.pk), sites_token()]
    site = Site.find_for_request(request)
    if site:
        names.append(layout_token(site.pk))
        if page.page_cache_follows_site_content:
            names.append(content_token(site.pk))
    request.page_cache_tokens = _current_tokens(names)


def frontend_cache_enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def _ancestor_paths(path):
    step = Page.steplen
    # The tree's root (depth 1) is shared by every site and never served.
    return [path[:end] for end in range(2 * step, len(path) + 1, step)]


def page_changed(page, former_parent=None):
    """Drop every cached page that shows `page`: itself, its ancestors (and, after a move, the
    former ones), its translations and the pages that link to any of these."""
    paths = _ancestor_paths(page.path)
    if former_parent is not None:
        paths += _ancestor_paths(former_parent.path)
    found = dict(
        Page.objects.filter(Q(path__in=paths) | Q(translation_key=page.translation_key)).values_list("pk", "path")
    )
    affected = set(found) | _pages_linking_to(Page, set(found))
    # The order the worker renders them again in: the page, its home page and columns from the top
    # down, then its translations and the pages that link to them.
    ancestors = sorted((pk for pk, path in found.items() if path in paths), key=found.get)
    prerender = list(dict.fromkeys([page.pk, *ancestors, *sorted(affected)]))
    names = [page_token(pk) for pk in affected | {page.pk}] + [search_token()]
    site = page.get_site()
    if site:
        names.append(content_token(site.pk))
        if getattr(page.specific_class, "changes_site_layout", True):
            names.append(layout_token(site.pk))
    _after_commit(names, affected | {page.pk}, prerender=prerender)


def object_changed(instance):
    """A snippet or another record shown on pages (a department) changed: drop the pages that
    reference it."""
    affected = _pages_linking_to(type(instance), {instance.pk})
    _after_commit([page_token(pk) for pk in affected], affected)


def _after_commit(names, page_ids, prerender=()):
    def drop():
        replace_tokens(names)
        _purge_frontend(page_ids)
        _schedule_prerender(prerender)

    # Now, and again once the change is visible to other connections: a request that rendered
    # the old content in between must not keep it under the new tokens.
    replace_tokens(names)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(drop)
    else:
        _purge_frontend(page_ids)
        _schedule_prerender(prerender)


def _schedule_prerender(page_ids):
    if page_ids:
        # Imported here: django-q2's task queue needs the apps loaded, and this module loads with them.
        from home.prerender import schedule

        schedule(page_ids)


def _pages_linking_to(model, pks):
    if not pks:
        return set()
    base = ReferenceIndex._get_base_content_type(model)
    page_type = ReferenceIndex._get_base_content_type(Page)
    sources = ReferenceIndex.objects.filter(
        to_content_type=base, to_object_id__in=[str(pk) for pk in pks], base_content_type=page_type
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in sources}


def _purge_frontend(page_ids):
    """Ask the CDN (Wagtail's frontend cache backends) to drop the same pages' URLs."""
    if not frontend_cache_enabled() or not page_ids:
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().filter(pk__in=page_ids).specific())
    batch.purge()


def _on_page(sender, instance, **kwargs):
    page_changed(instance, former_parent=kwargs.get("parent_page_before"))


def _on_restriction(sender, instance, **kwargs):
    """A view restriction hides or shows a whole branch, and the menus and lists that show it: every
    cached page of the site depends on the layout token."""
    page = Page.objects.filter(pk=instance.page_id).first()
    site = page.get_site() if page else None
    if site:
        branch = set(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
        _after_commit([layout_token(site.pk), content_token(site.pk), search_token()], branch)


def _on_site(sender, instance, **kwargs):
    """A site added, changed or removed: every host may now be answered by another site, and a new
    site may reuse the id of a removed one."""
    _after_commit([sites_token(), layout_token(instance.pk), content_token(instance.pk), search_token()], set())


def _on_record(sender, instance, **kwargs):
    object_changed(instance)


def _on_article_record(sender, instance, **kwargs):
    """A comment, or the article's comment setting, changed what the article shows."""
    _after_commit([page_token(instance.page_id)], {instance.page_id})


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page)
    post_delete.connect(_on_page, sender=Page)
    for signal in (post_save, post_delete):
        signal.connect(_on_restriction, sender="wagtailcore.PageViewRestriction")
        signal.connect(_on_site, sender="wagtailcore.Site")
    for signal in (post_save, post_delete):
        signal.connect(_on_record, sender="home.Department")
        signal.connect(_on_article_record, sender="interaction.Comment")
        signal.connect(_on_article_record, sender="interaction.ArticleComments")
