from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    """The HomePage of the site serving this request (its identity fills header and footer)."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_portal_site_root"):
        site = Site.find_for_request(request)
        root = None
        if site is not None:
            root = Page.objects.filter(pk=site.root_page_id).specific().first()
            page = context.get("page")
            # A mirror page shows the identity of its own language's home page.
            if page is not None and root is not None and page.locale_id != root.locale_id:
                root = root.get_translation_or_none(page.locale) or root
        request._portal_site_root = root
    return request._portal_site_root


@register.inclusion_tag("components/navigation/main_menu.html", takes_context=True)
def main_menu(context, root):
    page = context.get("page")
    current_path = page.path if page else ""
    items = root.get_children().live().public().in_menu() if root else []
    return {
        "items": [(item, current_path.startswith(item.path)) for item in items],
        "request": context.get("request"),
    }


@register.inclusion_tag("components/navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = page.get_ancestors().filter(depth__gt=1).live() if page.depth > 2 else []
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}
