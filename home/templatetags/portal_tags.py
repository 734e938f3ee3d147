from datetime import datetime

from django import template
from django.utils.timezone import localtime
from wagtail.models import Page, Site

from home.page_cache import site_layout_value
from home.visibility import readable

register = template.Library()


@register.filter
def datetime_attribute(value):
    """A `<time datetime>` value: ISO 8601 in local time to the second. Django's "c" format
    writes microseconds, and HTML allows at most three digits of a fraction."""
    if isinstance(value, datetime):
        value = localtime(value).replace(microsecond=0)
    return value.isoformat() if value else ""


@register.simple_tag(takes_context=True)
def site_root(context):
    """The HomePage of the site serving this request (its identity fills header and footer)."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_portal_site_root"):
        request._portal_site_root = find_site_root(request, context.get("page"))
    return request._portal_site_root


def find_site_root(request, page):
    routed = getattr(request, "routed_site_root", None)
    if routed is not None and page is not None and routed.locale_id == page.locale_id:
        return routed  # the home page Wagtail routed the request from
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = Page.objects.filter(pk=site.root_page_id).specific().first()
    # A mirror page shows the identity of its own language's home page.
    if page is not None and root is not None and page.locale_id != root.locale_id:
        root = root.get_translation_or_none(page.locale) or root
    return root


@register.inclusion_tag("components/navigation/main_menu.html", takes_context=True)
def main_menu(context, root):
    page = context.get("page")
    current_path = page.path if page else ""
    request = context.get("request")

    def entries():
        items = readable(root.get_children()).in_menu()
        return [(item.title, item.get_url(request), item.path) for item in items]

    items = site_layout_value(request, f"menu:{root.pk}", entries)
    return {"items": [(title, url, current_path.startswith(path)) for title, url, path in items]}


@register.inclusion_tag("components/navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context.get("request")

    def trail():
        return [(a.title, a.get_url(request)) for a in page.get_ancestors().filter(depth__gt=1).live()]

    # The ancestors are columns, topics and home pages: changing them renews the site's layout.
    ancestors = site_layout_value(request, f"crumbs:{page.path[: -Page.steplen]}", trail)
    return {"ancestors": ancestors, "page": page}
