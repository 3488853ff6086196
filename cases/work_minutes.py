"""Minutes of work, summed in the database (one grouped query each)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q, Sum

from cases.constants import WorkKind
from cases.models import Activity


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def my_minutes(user, today: date) -> dict[str, dict[str, int]]:
    """This week's and this month's minutes of the user, by kind, in one query."""
    month, week = today.replace(day=1), week_start(today)
    since = min(month, week)
    fields = {}
    for kind in WorkKind.values:
        fields[f"week_{kind}"] = Sum("minutes", filter=Q(kind=kind, date__gte=week), default=0)
        fields[f"month_{kind}"] = Sum("minutes", filter=Q(kind=kind, date__gte=month), default=0)
    sums = Activity.objects.filter(user=user, date__gte=since, date__lte=today).aggregate(**fields)
    return {period: {kind: sums[f"{period}_{kind}"] for kind in WorkKind.values} for period in ("week", "month")}


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
