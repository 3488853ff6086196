"""Keyset pagination for long lists ordered newest first (the work log, the audit trail):
"older" continues after the last row shown instead of skipping OFFSET rows, so the 2,000th page
costs what the first does (with an index in the same order). RowsPaginator: numbered pages
(the case list) counted without what only the rows need."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property

OLDER, NEWER = "aelter_als", "neuer_als"


@dataclass(frozen=True)
class Keyset:
    """The column a list is ordered by (newest first), the id deciding among equals."""

    field: str = "date"

    def cursor_of(self, row: Any) -> str:
        return f"{getattr(row, self.field).isoformat()}_{row.pk}"

    def parse(self, text: str | None) -> tuple[date | datetime, int] | None:
        """A cursor from the URL; anything else is no cursor (the first page), never an error."""
        try:
            moment, pk = (text or "").rsplit("_", 1)
            parsed = datetime.fromisoformat(moment) if "T" in moment else date.fromisoformat(moment)
            return parsed, int(pk)
        except ValueError:
            return None

    def after(self, moment, pk) -> Q:
        return Q(**{f"{self.field}__gt": moment}) | Q(**{self.field: moment, "pk__gt": pk})

    def before(self, moment, pk) -> Q:
        return Q(**{f"{self.field}__lt": moment}) | Q(**{self.field: moment, "pk__lt": pk})


@dataclass
class KeysetPage:
    object_list: list
    count: int | None  # None: not counted (a table of millions of rows, the audit trail)
    older: str | None  # cursor for the next (older) page, None on the last one
    newer: str | None  # cursor for the previous (newer) page, None on the first one


def keyset_page(
    queryset: QuerySet, query: dict, size: int, keyset: Keyset = Keyset(), counted: bool = True
) -> KeysetPage:
    """One page of `queryset` by (keyset field, id) descending; `query` is request.GET."""
    count = queryset.count() if counted else None
    older_than, newer_than = keyset.parse(query.get(OLDER)), keyset.parse(query.get(NEWER))
    field = keyset.field
    if newer_than:
        rows = list(queryset.filter(keyset.after(*newer_than)).order_by(field, "pk")[: size + 1])
        more_newer = len(rows) > size
        rows = rows[:size][::-1]
        return KeysetPage(
            rows, count, keyset.cursor_of(rows[-1]) if rows else None, keyset.cursor_of(rows[0]) if more_newer else None
        )
    if older_than:
        queryset = queryset.filter(keyset.before(*older_than))
    rows = list(queryset.order_by(f"-{field}", "-pk")[: size + 1])
    more_older = len(rows) > size
    rows = rows[:size]
    newer = keyset.cursor_of(rows[0]) if older_than and rows else None
    return KeysetPage(rows, count, keyset.cursor_of(rows[-1]) if more_older else None, newer)


class RowsPaginator(Paginator):
    """Numbered pages whose rows are read with what they show (`rows`: joined names, …) while
    the count reads the filtered rows alone: the joins the rows need made the count of the
    case list three times as slow."""

    def __init__(self, object_list: QuerySet, per_page: int, *, rows: Callable[[QuerySet], QuerySet], **kwargs: Any):
        self.counted = object_list
        super().__init__(rows(object_list), per_page, **kwargs)

    @cached_property
    def count(self) -> int:
        return self.counted.count()
