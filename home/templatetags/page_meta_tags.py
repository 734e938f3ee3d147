from django import template

from home.page_meta import page_meta

register = template.Library()


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def standard_meta(context, root):
    """The meta tags of the web page norms (home.page_meta) for the page being rendered."""
    request = context.get("request")
    if request is None or root is None:
        return {"tags": []}
    return {"tags": page_meta(request, root, context.get("page"))}
