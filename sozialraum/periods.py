"""Calendar periods: the committee report's years, half-years and quarters, the team figures' months."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from sozialraum.formats import format_date


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length just before (a year before a year, a quarter before a quarter)."""
        if self.start.day == 1 and (self.end + timedelta(days=1)).day == 1:
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            start_month = self.start.month - months
            year = self.start.year + (start_month - 1) // 12
            start = date(year, (start_month - 1) % 12 + 1, 1)
            return Period(start, self.start - timedelta(days=1))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    @property
    def label(self) -> str:
        return f"{format_date(self.start)}–{format_date(self.end)}"

    @property
    def ongoing(self) -> bool:
        """Not over yet (today included): its figures can still change."""
        return self.end >= timezone.localdate()


def period_of(kind: str, year: int | None = None, part: int | None = None, start=None, end=None) -> Period:
    if kind == "month":
        following = date(year + 1, 1, 1) if part == 12 else date(year, part + 1, 1)
        return Period(date(year, part, 1), following - timedelta(days=1))
    if kind == "year":
        return Period(date(year, 1, 1), date(year, 12, 31))
    if kind == "half":
        return (
            Period(date(year, 1, 1), date(year, 6, 30)) if part == 1 else Period(date(year, 7, 1), date(year, 12, 31))
        )
    if kind == "quarter":
        first_month = 3 * (part - 1) + 1
        last = date(year + 1, 1, 1) if part == 4 else date(year, first_month + 3, 1)
        return Period(date(year, first_month, 1), last - timedelta(days=1))
    return Period(start, end)


def period_containing(kind: str, day: date) -> Period:
    """The calendar month, quarter or year that contains the day."""
    if kind == "year":
        return period_of("year", day.year)
    if kind == "quarter":
        return period_of("quarter", day.year, (day.month - 1) // 3 + 1)
    return period_of("month", day.year, day.month)
