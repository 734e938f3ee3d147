"""Page routing in two queries whatever the depth.

Wagtail's Page.route() walks the tree one path segment at a time, two queries per level (the child
by slug, then its specific row): nine queries for an article in a sub-column. A page's url_path
names it from the tree root, so one query finds every page along the requested path and one more
loads the target's specific row. The walk keeps Wagtail's rules: a live routable page answers its
own sub-URLs before its children are looked at, and a page type with another route() of its own
takes over from where it stands.
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def claims(page, components):
    """Whether `page` (a plain Page row) answers `components` itself instead of passing them to a child."""
    model = page.specific_class
    if model is None or model.route is Page.route:
        return False
    if model.route is RoutablePageMixin.route:
        if not page.live:
            return False
        try:
            model.get_resolver().resolve("/" + "".join(f"{c}/" for c in components))
        except Http404:
            return False
        return True
    return True  # a route() of its own: let it decide


def route_by_url_path(root, request, components):
    """Route `components` below `root` (a specific page) like Wagtail's Page.route() would."""
    prefixes = [root.url_path + "".join(f"{c}/" for c in components[: n + 1]) for n in range(len(components))]
    along = {page.url_path: page for page in Page.objects.filter(url_path__in=prefixes)}
    parent = root
    for n, prefix in enumerate(prefixes):
        if n and claims(parent, components[n:]):
            return parent.specific.route(request, components[n:])
        page = along.get(prefix)
        if page is None or page.path[: len(parent.path)] != parent.path or page.depth != parent.depth + 1:
            raise Http404
        page._cached_parent_obj = parent
        parent = page
    target = parent.specific
    target._cached_parent_obj = parent._cached_parent_obj
    return target.route(request, [])
