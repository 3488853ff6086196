"""Template filters for German formats; each one calls `sozialraum.formats`.

{% load formats %}
{{ case.opened_on|short_date }}   31.12.2026
{{ event.occurred_at|short_datetime }}   31.12.2026 14:05
{{ meeting.start_time|time_of_day }}   10:00
{{ meeting.date|long_date }}   31. Dezember 2026   ({{ …|long_date:"weekday" }} with the weekday)
{{ meeting.date|weekday_date }}   Do, 31.12.2026   ({{ …|weekday_date:"long" }}: Donnerstag, …)
{{ 3|month_name }}   März
{{ value|number }} {{ value|number:1 }} {{ share|percent }} {{ amount|money }} {{ minutes|duration }}
"""

from django import template

from sozialraum import formats

register = template.Library()


@register.filter
def short_date(value) -> str:
    return formats.format_date(value)


@register.filter
def short_datetime(value) -> str:
    return formats.format_datetime(value)


@register.filter
def time_of_day(value) -> str:
    return formats.format_time(value)


@register.filter
def long_date(value, variant: str = "") -> str:
    return formats.format_long_date(value, weekday=variant == "weekday")


@register.filter
def weekday_date(value, variant: str = "") -> str:
    return formats.format_weekday_date(value, long=variant == "long")


@register.filter
def month_name(value) -> str:
    return formats.month_name(value)


@register.filter
def number(value, decimals: int = 0) -> str:
    return formats.format_number(value, int(decimals))


@register.filter
def percent(value, decimals: int = 1) -> str:
    return formats.format_percent(value, int(decimals))


@register.filter
def money(value, decimals: int = 0) -> str:
    return formats.format_money(value, int(decimals))


@register.filter
def duration(minutes) -> str:
    return formats.format_duration(minutes)


@register.filter
def total_minutes(value) -> int:
    """A timedelta in whole minutes (e.g. how long a sign-in stays locked)."""
    return int(value.total_seconds() // 60) if value else 0
