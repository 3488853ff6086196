"""Minutes of work, summed in the database (one grouped query each)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import DateField, F, Q, Sum
from django.db.models.functions import TruncMonth

from cases.constants import WorkKind
from cases.models import Activity, MonthlyWork
from sozialraum.precompiled import Param, Precompiled

# The keys district_minutes sums by.
DISTRICT, KIND, MONTH = "district", "kind", "month"
TEAM = "user__memberships__team"  # the teams of the person in the district the work was done in


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def my_minutes(user, today: date) -> dict[str, dict[str, int]]:
    """This week's and this month's minutes of the user, by kind, in one grouped query."""
    month, week = today.replace(day=1), week_start(today)
    minutes = {period: dict.fromkeys(WorkKind.values, 0) for period in ("week", "month")}
    rows = MY_MINUTES.fetch(user=user.pk, since=min(month, week), today=today, week=week, month=month)
    for row in rows:
        for period in ("week", "month"):
            minutes[period][row["kind"]] = row[period] or 0
    return minutes


# (on every start page: compiled once per process)
MY_MINUTES = Precompiled(
    lambda: (
        Activity.objects.filter(
            user=Param("user"), date__gte=Param("since", DateField()), date__lte=Param("today", DateField())
        )
        .values("kind")
        .annotate(
            week=Sum("minutes", filter=Q(date__gte=Param("week", DateField()))),
            month=Sum("minutes", filter=Q(date__gte=Param("month", DateField()))),
        )
        .order_by()
    )
)


def first_of_next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def district_minutes(district_ids, start: date, end: date, *keys: str) -> list[dict]:
    """Minutes of work in the districts from start to end (both days included), summed by the
    keys (DISTRICT, KIND, MONTH, TEAM): rows of the keys and "n". Whole months come from the
    monthly sums (MonthlyWork, exact: kept by the database in the entries' transaction), the
    days of a month begun or not ended from the entries; at most two grouped queries."""
    whole_from = start if start.day == 1 else first_of_next_month(start)
    ends_a_month = end + timedelta(days=1) == first_of_next_month(end)
    whole_until = first_of_next_month(end) if ends_a_month else end.replace(day=1)  # the day after
    whole_months = whole_from < whole_until
    day_ranges = [(start, whole_from - timedelta(days=1)), (whole_until, end)] if whole_months else [(start, end)]
    sums: Counter = Counter()

    def add(rows) -> None:
        if TEAM in keys:
            rows = rows.filter(user__memberships__team__district=F("district"))
        for row in rows.values(*keys).annotate(n=Sum("minutes")).order_by():
            sums[tuple(row[key] for key in keys)] += row["n"]

    if whole_months:
        add(MonthlyWork.objects.filter(district__in=district_ids, month__gte=whole_from, month__lt=whole_until))
    days = Q()
    for first, last in day_ranges:
        if first <= last:
            days |= Q(date__range=(first, last))
    if days:
        entries = Activity.objects.filter(days, district__in=district_ids)
        add(entries.annotate(month=TruncMonth("date")) if MONTH in keys else entries)
    return [dict(zip(keys, key, strict=True), n=n) for key, n in sums.items()]


def team_minutes_by_member(team, since: date, until: date):
    """Rows (user id, kind, minutes) of the team's members, in one grouped query."""
    return (
        Activity.objects.filter(user__memberships__team=team, date__gte=since, date__lte=until)
        .values("user_id", "kind")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )


@dataclass
class TeamFigures:
    """Minutes per member and kind of work (in WorkKind order), the team's sums and its share of
    non-case-specific work."""

    rows: list[dict]
    totals: list[int]
    grand_total: int

    @property
    def non_case_share(self) -> float | None:
        non_case = self.totals[list(WorkKind.values).index(WorkKind.NON_CASE)]
        return non_case * 100 / self.grand_total if self.grand_total else None


def team_figures(team, memberships, since: date, until: date) -> TeamFigures:
    """The team's work figures between two days: one grouped query, members without work show 0."""
    minutes = {membership.user_id: dict.fromkeys(WorkKind.values, 0) for membership in memberships}
    for row in team_minutes_by_member(team, since, until):
        if row["user_id"] in minutes:
            minutes[row["user_id"]][row["kind"]] = row["minutes"]
    rows = [
        {
            "membership": membership,
            "minutes": [minutes[membership.user_id][kind] for kind in WorkKind.values],
            "total": sum(minutes[membership.user_id].values()),
        }
        for membership in memberships
    ]
    totals = [sum(row["minutes"][index] for row in rows) for index in range(len(WorkKind.values))]
    return TeamFigures(rows, totals, sum(totals))
