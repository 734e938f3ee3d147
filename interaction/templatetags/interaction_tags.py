import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from home import personal_data
from interaction import letters

register = template.Library()


@register.filter
def mask_personal(text):
    """Masks the personal data a writer left in text that is going public."""
    return personal_data.mask(text)


@register.filter
def mark_personal(text, letter=None):
    """The text escaped, with what the detector finds — and the writer's own name and contact
    details — in <mark>: what staff remove when preparing a public version."""
    text = text or ""
    spans = [(hit.start, hit.end) for hit in personal_data.find(text)]
    for value in letters.writers_details(letter) if letter is not None else []:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(value), text)]
    html, at = [], 0
    for start, end in sorted(spans):
        if start >= at:
            html += [escape(text[at:start]), "<mark>", escape(text[start:end]), "</mark>"]
            at = end
    html.append(escape(text[at:]))
    return mark_safe("".join(html))  # noqa: S308 - every piece of text is escaped above
