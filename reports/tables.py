"""Report tables: values, their suppression, totals and the previous period."""

from dataclasses import dataclass, field

from django.conf import settings

from reports.suppression import PRIMARY, SECONDARY, TOTALS_ONLY, SuppressedTable, suppress

COUNT, MINUTES, NUMBER, PERCENT, RATE, MONEY = "count", "minutes", "number", "percent", "rate", "money"

# The marks of official German statistics, the same in the preview, PDF, XLSX and CSV.
SECRET = "x"  # hidden so that a small count cannot be computed ("Wert geheim gehalten")
NOTHING = "–"  # exactly zero, where zeros are not themselves protected


def mark_text(mark: str, threshold: int) -> str:
    """ "< 5" for a small count, "x" for a value hidden to protect one."""
    return f"< {threshold}" if mark == PRIMARY else SECRET


@dataclass
class ShownValue:
    value: float | int | None
    mark: str = ""  # suppression.PRIMARY ("< 5"), SECONDARY ("x") or "" (published)

    @property
    def hidden(self) -> bool:
        return bool(self.mark)


@dataclass
class Table:
    key: str
    title: str
    row_header: str
    columns: list[str]
    row_labels: list[str]
    values: list[list[float | int]]
    kind: str = COUNT
    protect: bool = False  # counts of persons or cases: small numbers are suppressed
    totals: bool = True
    previous: list[list[float | int]] | None = None
    note: str = ""
    threshold: int = 5
    # Cells kept secret for a reason outside the counts (an amount of money that belongs to fewer
    # cases than the threshold): "x", and so are the totals of their rows and columns.
    secret_cells: frozenset[tuple[int, int]] = frozenset()
    _current: SuppressedTable | None = field(default=None, repr=False)
    _previous: SuppressedTable | None = field(default=None, repr=False)

    def __post_init__(self):
        if self.protect and self.values and self.values[0]:
            options = {"protect_zeros": settings.REPORT_PROTECT_ZEROS}
            self._current = suppress(self.values, self.threshold, settings.REPORT_PROTECTION_WIDTH, **options)
            if self.previous is not None:
                # Of the previous period only the row totals and the grand total are published.
                self._previous = suppress(
                    self.previous,
                    self.threshold,
                    settings.REPORT_PROTECTION_WIDTH,
                    published_kinds=TOTALS_ONLY,
                    **options,
                )

    @property
    def is_empty(self) -> bool:
        return not self.row_labels or not self.columns

    def _mark(self, table: SuppressedTable | None, kind, row=-1, col=-1) -> str:
        if table is self._current and self._secret(kind, row, col):  # not of the previous period
            return SECONDARY
        return table.mark(kind, row, col) if table is not None else ""

    def _secret(self, kind: str, row: int, col: int) -> bool:
        """A secret cell, or a total that contains one (it would give the cell away)."""
        if kind == "cell":
            return (row, col) in self.secret_cells
        if kind == "row_total":
            return any(secret_row == row for secret_row, _col in self.secret_cells)
        if kind == "col_total":
            return any(secret_col == col for _row, secret_col in self.secret_cells)
        return bool(self.secret_cells)  # the grand total

    def rows(self) -> list[dict]:
        """Each row: label, shown cells, total, previous total and change (only if both are shown)."""
        shown = []
        for number, label in enumerate(self.row_labels):
            cells = [
                ShownValue(value, self._mark(self._current, "cell", number, col))
                for col, value in enumerate(self.values[number])
            ]
            row = {"label": label, "cells": cells}
            if self.totals:
                total = ShownValue(sum(self.values[number]), self._mark(self._current, "row_total", number))
                row["total"] = total
                if self.previous is not None:
                    before = ShownValue(sum(self.previous[number]), self._mark(self._previous, "row_total", number))
                    row["previous"] = before
                    row["change"] = None if total.hidden or before.hidden else total.value - before.value
            shown.append(row)
        return shown

    def total_row(self) -> dict | None:
        if not self.totals or self.is_empty:
            return None
        columns = [
            ShownValue(sum(row[col] for row in self.values), self._mark(self._current, "col_total", col=col))
            for col in range(len(self.columns))
        ]
        grand = ShownValue(sum(sum(row) for row in self.values), self._mark(self._current, "grand"))
        result = {"cells": columns, "total": grand}
        if self.previous is not None:
            before = ShownValue(sum(sum(row) for row in self.previous), self._mark(self._previous, "grand"))
            result["previous"] = before
            result["change"] = None if grand.hidden or before.hidden else grand.value - before.value
        return result

    @property
    def has_previous(self) -> bool:
        return self.previous is not None and self.totals
