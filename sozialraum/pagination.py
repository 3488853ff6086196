"""Keyset pagination for long lists ordered newest first (the work log): "older" continues
after the last row shown instead of skipping OFFSET rows, so the 2,000th page costs what the
first does (with an index in the same order)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

OLDER, NEWER = "aelter_als", "neuer_als"


def cursor_of(row: Any) -> str:
    return f"{row.date.isoformat()}.{row.pk}"


def parse_cursor(text: str | None) -> tuple[date, int] | None:
    """A cursor from the URL; anything else is no cursor (the first page), never an error."""
    try:
        day, pk = (text or "").split(".")
        return date.fromisoformat(day), int(pk)
    except ValueError:
        return None


@dataclass
class KeysetPage:
    object_list: list
    count: int
    older: str | None  # cursor for the next (older) page, None on the last one
    newer: str | None  # cursor for the previous (newer) page, None on the first one


def keyset_page(queryset: QuerySet, query: dict, size: int) -> KeysetPage:
    """One page of `queryset` by (date, id) descending; `query` is request.GET."""
    count = queryset.count()
    older_than, newer_than = parse_cursor(query.get(OLDER)), parse_cursor(query.get(NEWER))
    if newer_than:
        day, pk = newer_than
        rows = list(queryset.filter(Q(date__gt=day) | Q(date=day, pk__gt=pk)).order_by("date", "pk")[: size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        return KeysetPage(
            rows, count, cursor_of(rows[-1]) if rows else None, cursor_of(rows[0]) if more_newer else None
        )
    if older_than:
        day, pk = older_than
        queryset = queryset.filter(Q(date__lt=day) | Q(date=day, pk__lt=pk))
    rows = list(queryset.order_by("-date", "-pk")[: size + 1])
    more_older = len(rows) > size
    rows = rows[:size]
    newer = cursor_of(rows[0]) if older_than and rows else None
    return KeysetPage(rows, count, cursor_of(rows[-1]) if more_older else None, newer)
