"""The citizen's side of the interaction pages, served by the pages' routes."""

from django.template.response import TemplateResponse


def render(page, request, template, status=200, **context):
    return TemplateResponse(request, template, {**page.get_context(request), **context}, status=status)


def subpage_url(page, request, route):
    # Relative: `page.url` would name the site's registered address, not the one being served.
    return page.get_url(request) + page.reverse_subpage(route)
