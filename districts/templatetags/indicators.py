"""An indicator's value in its unit's usual German form: 15.921 · 9,2 % · 117.402.774 €."""

from django import template

from districts.constants import IndicatorUnit
from sozialraum.formats import MISSING, format_money, format_number, format_percent

register = template.Library()


@register.filter
def figure(value, unit: str) -> str:
    if value is None:
        return MISSING
    if unit == IndicatorUnit.PERCENT:
        return format_percent(value)
    if unit == IndicatorUnit.EUR:
        return format_money(value)
    return format_number(value)


@register.filter
def signed_figure(value, unit: str) -> str:
    """A change: +91 · −0,4 % (percentage points for a rate)."""
    if value is None:
        return MISSING
    text = figure(abs(value), unit)
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "±0")
