"""长者模式 (elder mode): a way of serving every page, chosen by the visitor and remembered in a
cookie. The server marks the page (`<html class="mode-elder">`) so that it renders without a flash
and without JavaScript; site/static/js/a11y-init.js applies the same cookie before the first paint,
so a page that a shared cache (CDN) keeps in the standard variant still shows in elder mode.

`?mode=elder` and `?mode=standard` on any page set or clear the cookie and redirect to the page
without the parameter, so cached pages stay keyed by their plain address (plus the mode, see
home.page_cache)."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.utils.encoding import escape_uri_path

COOKIE = "portal_mode"
ELDER = "elder"
STANDARD = "standard"
PARAMETER = "mode"
COOKIE_AGE = 365 * 24 * 3600


def display_mode(request):
    return ELDER if request.COOKIES.get(COOKIE) == ELDER else STANDARD


def address_without_mode(request):
    query = request.GET.copy()
    query.pop(PARAMETER, None)
    return escape_uri_path(request.path) + (f"?{query.urlencode()}" if query else "")


def address_with_mode(request, mode):
    query = request.GET.copy()
    query[PARAMETER] = mode
    return f"{escape_uri_path(request.path)}?{urlencode(sorted(query.lists()), doseq=True)}"


class DisplayModeMiddleware:
    """Answers `?mode=elder|standard` by remembering the choice and redirecting to the plain page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        mode = request.GET.get(PARAMETER)
        if request.method != "GET" or mode not in (ELDER, STANDARD):
            return self.get_response(request)
        response = HttpResponseRedirect(address_without_mode(request))
        if mode == ELDER:
            response.set_cookie(COOKIE, ELDER, max_age=COOKIE_AGE, samesite="Lax")
        else:
            response.delete_cookie(COOKIE, samesite="Lax")
        return response


def context(request):
    """Template context: the mode, and the addresses that enter and leave it from this page."""
    return {
        "display_mode": display_mode(request),
        "elder_mode_url": address_with_mode(request, ELDER),
        "standard_mode_url": address_with_mode(request, STANDARD),
    }
