"""German number formatting for figures: 15.921, 9,2 %, 117.402.774 €."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

from districts.constants import IndicatorUnit

register = template.Library()


def _german(value, decimals: int) -> str:
    # Django's number_format cuts digits off; a published figure is rounded half up (17,96 → 18,0).
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimals, use_l10n=True, force_grouping=True)


@register.filter
def number(value, decimals: int = 0) -> str:
    """A count or amount with thousands separators; empty for a missing value."""
    if value is None or value == "":
        return "–"
    return _german(value, int(decimals))


@register.filter
def percent(value, decimals: int = 1) -> str:
    if value is None or value == "":
        return "–"
    return f"{_german(value, int(decimals))} %"


@register.filter
def figure(value, unit: str) -> str:
    """A figure in its unit's usual German form."""
    if value is None:
        return "–"
    if unit == IndicatorUnit.PERCENT:
        return percent(value)
    if unit == IndicatorUnit.EUR:
        return f"{number(value)} €"
    return number(value)
