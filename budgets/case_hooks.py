"""What the budget adds to other pages – to a case: the case's spending and the district's case-specific money
left, with "Ausgabe beantragen", and its part of the retention erasure; to social planning's
start page: this year's budgets."""

from django.utils import timezone

from budgets import services
from budgets.constants import BudgetKind
from budgets.models import Budget, Spending
from cases.retention import ERASED
from sozialraum.hooks import Panel


def case_budget_context(case, request) -> dict:
    if not case.full_access:
        return {"show": False}
    budget = services.budget_for_case(case, timezone.localdate().year)
    left = None
    if budget is not None:
        left = budget.planned(BudgetKind.CASE_SPECIFIC) - services.booked_by_kind(budget)[BudgetKind.CASE_SPECIFIC]
    spendings = list(Spending.objects.filter(case=case).order_by("-date", "-id")[:20])
    return {
        "show": budget is not None or bool(spendings),
        "case": case,
        "budget": budget,
        "left": left,
        "spendings": spendings,
    }


CASE_PANEL = Panel("budgets/case_panel.html", case_budget_context)


def erase_spending_texts(case_ids: list[int]) -> None:
    """The amounts stay in the figures; what they were for about a person does not."""
    Spending.objects.filter(case__in=case_ids).update(purpose=ERASED, decline_reason="", over_budget_reason="")


def budget_status_context(request) -> dict:
    """Social planning's start page: this year's budgets per district, planned and booked (one query)."""
    year = timezone.localdate().year
    budgets = (
        Budget.objects.filter(year=year)
        .select_related("district", "team")
        .with_sums()
        .order_by("district__name", "team__name")[:20]
    )
    return {"budgets": budgets, "year": year}
