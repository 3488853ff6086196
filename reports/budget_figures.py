"""The committee report's Sozialraumbudget section: planned and spent per district and kind. An
amount spent on fewer cases than the threshold could be one person's help: it is kept secret ("x"),
and so are the totals it would let one compute."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from budgets.constants import BudgetKind, SpendingStatus
from budgets.models import Budget, Spending
from reports.tables import MONEY, Table

ZERO = Decimal("0.00")


def budget_tables(figures) -> list[Table]:
    period, districts = figures.period, figures.district_ids
    kinds = BudgetKind.values
    budgets = Budget.objects.filter(district__in=districts, year__range=(period.start.year, period.end.year))
    planned_sums = budgets.values("district").annotate(**{kind: Sum(f"planned_{kind}", default=ZERO) for kind in kinds})
    planned = {row["district"]: [row[kind] for kind in kinds] for row in planned_sums}
    spent_rows = (
        Spending.objects.filter(
            budget__district__in=districts, status=SpendingStatus.BOOKED, date__range=(period.start, period.end)
        )
        .values("budget__district", "kind")
        .annotate(
            total=Sum("amount"),
            cases=Count("case", distinct=True),
            without_case=Count("id", filter=Q(case__isnull=True)),
        )
        .order_by()
    )
    spent = {(row["budget__district"], row["kind"]): row for row in spent_rows}
    secret = frozenset(
        (number, kinds.index(kind))
        for (district, kind), row in spent.items()
        for number in [districts.index(district)]
        if kind == BudgetKind.CASE_SPECIFIC and 0 < row["cases"] < figures.threshold
    )
    columns = [str(label) for label in BudgetKind.labels]
    if not planned and not spent:
        return []
    return [
        figures.table(
            key="budget_geplant",
            title=_("Sozialraumbudget planned for %(years)s") % {"years": years(period)},
            row_header=_("District"),
            columns=columns,
            row_labels=figures.names,
            values=[planned.get(district, [ZERO] * len(kinds)) for district in districts],
            kind=MONEY,
        ),
        figures.table(
            key="budget_ausgegeben",
            title=_("Sozialraumbudget spent in the period"),
            row_header=_("District"),
            columns=columns,
            row_labels=figures.names,
            values=[[spent.get((district, kind), {}).get("total") or ZERO for kind in kinds] for district in districts],
            kind=MONEY,
            secret_cells=secret,
            note=_("Case-specific amounts on fewer than %(count)s cases are secret (x), as are sums that reveal them.")
            % {"count": figures.threshold},
        ),
    ]


def years(period) -> str:
    if period.start.year == period.end.year:
        return str(period.start.year)
    return f"{period.start.year}–{period.end.year}"
