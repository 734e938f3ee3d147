"""What readers may see: live pages outside any view restriction.

Wagtail's PageQuerySet.public() reads every PageViewRestriction each time it is called; a home page
with five listings and a menu read them six times. Within a request they are read once.
"""

from contextvars import ContextVar

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction

_restricted_paths = ContextVar("restricted_paths", default=None)
_in_request = ContextVar("in_request", default=False)


def _paths():
    paths = _restricted_paths.get()
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        if _in_request.get():
            _restricted_paths.set(paths)
    return paths


def readable(queryset):
    """`queryset` narrowed to live pages readers can open (Wagtail's .live().public())."""
    private = Q()
    for path in _paths():
        private |= Q(path__startswith=path)
    return queryset.live().exclude(private) if private else queryset.live()


def is_readable(page):
    """Whether readers can open this page (live, outside any view restriction), without a query."""
    return page.live and not any(page.path.startswith(path) for path in _paths())


class RestrictionsPerRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reading = _in_request.set(True)
        paths = _restricted_paths.set(None)
        try:
            return self.get_response(request)
        finally:
            _restricted_paths.reset(paths)
            _in_request.reset(reading)


def _forget(**kwargs):
    _restricted_paths.set(None)


def connect_signals():
    for signal in (post_save, post_delete):
        signal.connect(_forget, sender=PageViewRestriction)
