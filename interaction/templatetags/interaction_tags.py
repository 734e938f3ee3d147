from django import template

from monitoring.text_rules import ID_RE, MOBILE_RE, mask

register = template.Library()


@register.filter
def mask_personal(text):
    """Masks resident ID and mobile numbers a writer left in text that is going public."""
    text = ID_RE.sub(lambda m: mask(m.group(0)), text or "")
    return MOBILE_RE.sub(lambda m: mask(m.group(0)), text)
