"""The citizen's side of the interaction pages, served by the pages' routes."""

from django.template.response import TemplateResponse


def render(page, request, template, status=200, **context):
    return TemplateResponse(request, template, {**page.get_context(request), **context}, status=status)


def subpage_url(page, route):
    return page.url + page.reverse_subpage(route)
