from django import template

from home import personal_data

register = template.Library()


@register.filter
def mask_personal(text):
    """Masks the personal data a writer left in text that is going public."""
    return personal_data.mask(text)
