from decimal import Decimal

from django import template
from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from reports.tables import COUNT, MONEY, NOTHING, PERCENT, RATE, SECRET, mark_text
from sozialraum.formats import format_money
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
    if kind == MONEY:
        return format_money(value)
    if isinstance(value, float | Decimal) and Decimal(str(value)) % 1:
        return number(value, 1)
    return number(value)


@register.filter
def shown(cell, kind: str) -> str:
    """A published value in German format, "< 5" for a small count, "x" for a value hidden to
    protect one, "–" for nothing (zero counts, where zeros are published)."""
    if cell is None:
        return "–"
    if getattr(cell, "mark", ""):
        return mark_text(cell.mark, settings.REPORT_MIN_COUNT)
    value = getattr(cell, "value", cell)
    if kind == COUNT and value == 0:
        return NOTHING
    return formatted(value, kind)


@register.filter
def change(value, kind: str) -> str:
    if value is None:  # one of the two values is hidden
        return SECRET
    text = formatted(abs(value), kind)
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "±0")


@register.filter
def breakable(text) -> str:
    """A column header that may wrap after "/" ("Weststadt/<wbr>Söflingen") instead of being
    hyphenated at random ("Gesamts-tadt")."""
    return mark_safe(conditional_escape(text).replace("/", "/<wbr>"))  # noqa: S308  (escaped above)
