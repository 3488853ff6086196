"""German formats for everything the app shows: dates, times, numbers, money, durations,
month names — one place, driven by Django's locale formats (LANGUAGE_CODE "de").

Templates use the filters in `sozialraum/templatetags/formats.py`; Python code (PDFs, exports,
messages, `__str__`) calls these functions. Nothing else writes "d.m.Y" or "%d.%m.%Y".
"""

import functools
import html
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeAlias

from django.utils import formats, timezone
from django.utils.dates import MONTHS, WEEKDAYS_ABBR
from django.utils.translation import get_language
from django.utils.translation import gettext as _

MISSING = "–"
# Counts, amounts and shares as the database and matplotlib hand them over.
Number: TypeAlias = int | float | Decimal


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def labels_of(choices: Iterable[tuple[str, object]]) -> dict[str, str]:
    """A choice field's labels in the current language, looked up once per table or list:
    get_FOO_display rebuilds the whole dict of choices, translating every label, for each call."""
    return {value: str(label) for value, label in choices}


def html_text(value: object) -> str:
    """A value as text in HTML, as Django's conditional_escape gives it (marked safe: as it is;
    else the same five characters escaped), without its lazy-text check and SafeString wrapper,
    which cost more than the escaping in tables and selects drawn in Python."""
    as_html = getattr(value, "__html__", None)
    return as_html() if as_html is not None else html.escape(str(value))


def format_date(value: date | datetime | None) -> str:
    """31.12.2026"""
    if value is None or is_missing(value):
        return MISSING
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return short_date_in(value, get_language())


@functools.lru_cache(maxsize=4096)
def short_date_in(value: date, language: str | None) -> str:
    """A day as text, once per day and language: Django's date formatting reads its format string
    letter by letter on every call, and a list of 50 cases has a few dozen different days."""
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def format_datetime(value: datetime | None) -> str:
    """31.12.2026 14:05, in the local time zone."""
    if value is None or is_missing(value):
        return MISSING
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "SHORT_DATETIME_FORMAT")


def format_time(value: time | datetime | None) -> str:
    """14:05"""
    if value is None or is_missing(value):
        return MISSING
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.time_format(value, "TIME_FORMAT")


def format_long_date(value: date | None, *, weekday: bool = False) -> str:
    """31. Dezember 2026, or with the weekday: Donnerstag, 31. Dezember 2026."""
    if value is None or is_missing(value):
        return MISSING
    text = formats.date_format(value, "DATE_FORMAT")
    return f"{formats.date_format(value, 'l')}, {text}" if weekday else text


def format_weekday_date(value: date | None, *, long: bool = False) -> str:
    """Do, 31.12.2026 — weekday and date, for calendars and agendas (long: Donnerstag, 31.12.2026)."""
    if value is None or is_missing(value):
        return MISSING
    return f"{formats.date_format(value, 'l' if long else 'D')}, {format_date(value)}"


def month_name(month: int) -> str:
    """1 → Januar"""
    return str(MONTHS[int(month)])


def month_names() -> list[str]:
    return [month_name(month) for month in range(1, 13)]


def weekday_abbreviation(weekday: int) -> str:
    """0 (Monday) → Mo"""
    return str(WEEKDAYS_ABBR[int(weekday)])


def rounded(value: Number | str, decimals: int) -> Decimal:
    # Django's number_format cuts digits off; a published figure is rounded half up (17,96 → 18,0).
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(value: Number | str | None, decimals: int = 0) -> str:
    """15.921 · 9,2 — with thousands separators, rounded half up."""
    if value is None or is_missing(value):
        return MISSING
    return formats.number_format(rounded(value, decimals), decimals, use_l10n=True, force_grouping=True)


def format_percent(value: Number | str | None, decimals: int = 1) -> str:
    """9,2 %"""
    if value is None or is_missing(value):
        return MISSING
    return f"{format_number(value, decimals)} %"


def format_money(value: Number | str | None, decimals: int = 0) -> str:
    """117.402.774 € (whole euros by default; budgets and bookings pass decimals=2)."""
    if value is None or is_missing(value):
        return MISSING
    return f"{format_number(value, decimals)} €"


def format_duration(minutes: int | str | None) -> str:
    """Minutes of work: 45 Min. · 2 Std. · 2 Std. 30 Min."""
    if minutes is None or is_missing(minutes):
        return MISSING
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return _("%(minutes)s min") % {"minutes": rest}
    if not rest:
        return _("%(hours)s h") % {"hours": format_number(hours)}
    return _("%(hours)s h %(minutes)s min") % {"hours": format_number(hours), "minutes": rest}
