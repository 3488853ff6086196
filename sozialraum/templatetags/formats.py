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

import re

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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


@register.filter
def phone_link(number) -> str:
    """A phone number as a link phones can dial (tel:), shown as it was typed; "–" when empty."""
    text = str(number or "").strip()
    if not text:
        return "–"
    dialled = ("+" if text.startswith("+") else "") + re.sub(r"\D", "", text)
    return format_html('<a href="tel:{}" class="text-nowrap">{}</a>', dialled, text)


@register.filter
def reach_links(contact) -> str:
    """A contact's phone (tel:) and e-mail (mailto:) in one line, "–" when neither is known."""
    parts = []
    if contact.phone:
        parts.append(phone_link(contact.phone))
    if contact.email:
        parts.append(format_html('<a href="mailto:{}">{}</a>', contact.email, contact.email))
    return mark_safe(" · ".join(parts)) if parts else "–"
