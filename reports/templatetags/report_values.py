from decimal import Decimal

from django import template
from django.conf import settings

from reports.tables import PERCENT, RATE
from sozialraum.formats import format_number as number
from sozialraum.formats import format_percent as percent

register = template.Library()


def formatted(value, kind: str) -> str:
    if value is None:
        return "–"
    if kind == PERCENT:
        return percent(value)
    if kind == RATE:
        return number(value, 2)
    if isinstance(value, float | Decimal) and Decimal(str(value)) % 1:
        return number(value, 1)
    return number(value)


@register.filter
def shown(cell, kind: str) -> str:
    """A published value in German format, or "< 5" where it is suppressed."""
    if cell is None:
        return "–"
    if getattr(cell, "hidden", False):
        return f"< {settings.REPORT_MIN_COUNT}"
    return formatted(getattr(cell, "value", cell), kind)


@register.filter
def change(value, kind: str) -> str:
    if value is None:
        return "·"
    text = formatted(abs(value), kind)
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "±0")
