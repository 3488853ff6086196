from django import template
from django.utils.html import format_html

from sozialraum.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag
def form_token() -> str:
    """A one-time token: the form's second submission returns the first one's result."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
