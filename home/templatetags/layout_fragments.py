"""`{% layout_fragment "name" var … %}…{% endlayout_fragment %}`: markup that depends only on the
site's layout (header, accessibility toolbar, footer), rendered once per site, language and display
mode and kept until the site's layout token changes (home.page_cache: a column, topic or home page
published, a view restriction, a site changed). A cold page then pastes it instead of rendering
dozens of tags again.

The named variables are the few per-address values inside such markup (the links that switch
display mode keep the current address): the kept copy holds a placeholder for each, replaced by the
value, escaped as `{{ var }}` would be, on every use.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from home.display_mode import display_mode
from home.page_cache import site_layout_value

register = template.Library()


class LayoutFragmentNode(template.Node):
    def __init__(self, name, variables, nodelist):
        self.name, self.variables, self.nodelist = name, variables, nodelist

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        placeholders = {name: f"@@layout-fragment:{name}@@" for name in self.variables}

        def render_with_placeholders():
            with context.push(**placeholders):
                return str(self.nodelist.render(context))

        key = f"fragment:{self.name}:{get_language()}:{display_mode(request)}"
        html = site_layout_value(request, key, render_with_placeholders)
        for name, placeholder in placeholders.items():
            html = html.replace(placeholder, str(conditional_escape(context.get(name, ""))))
        return mark_safe(html)  # noqa: S308 rendered by the template engine, values escaped above


@register.tag
def layout_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("layout_fragment needs a name")
    name = bits[1].strip("\"'")
    nodelist = parser.parse(("endlayout_fragment",))
    parser.delete_first_token()
    return LayoutFragmentNode(name, bits[2:], nodelist)
