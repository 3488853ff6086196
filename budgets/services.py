"""Booking against a budget: what is left is computed in the database under the budget's row lock,
so two bookings at once cannot both take the last euro; exceeding needs a reason, which is audited."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from budgets.constants import BudgetKind, SpendingStatus
from budgets.models import Budget, Spending
from cases.models import Case
from districts.models import Team
from sozialraum import audit
from sozialraum.formats import format_money
from sozialraum.models import AuditAction
from sozialraum.roles import Role, has_role
from sozialraum.types import Staff

ZERO = Decimal("0.00")


class OverBudget(Exception):
    """The booking would exceed what is left of its kind; a reason allows it."""


class NotAllowed(Exception):
    pass


def may_book(user: Staff, budget: Budget) -> bool:
    """Budget holders: social planning for every budget, a team lead for the team's budget and
    for the district budget of the team's district."""
    if has_role(user, Role.PLANNING):
        return True
    led = Team.objects.led_by(user)
    if budget.team_id:
        return led.filter(pk=budget.team_id).exists()
    return led.filter(district=budget.district_id).exists()


def booked_by_kind(budget: Budget) -> dict[str, Decimal]:
    """Booked amounts per kind in one grouped query."""
    sums = Spending.objects.filter(budget=budget, status=SpendingStatus.BOOKED).aggregate(
        **{kind: Sum("amount", filter=Q(kind=kind), default=ZERO) for kind in BudgetKind.values}
    )
    return {kind: sums[kind] for kind in BudgetKind.values}


@dataclass(frozen=True)
class KindLine:
    kind: str
    label: str | Promise
    planned: Decimal
    booked: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.booked

    @property
    def share_booked(self) -> Decimal | None:
        return self.booked * 100 / self.planned if self.planned else None


def lines(budget: Budget) -> list[KindLine]:
    booked = booked_by_kind(budget)
    return [KindLine(kind, label, budget.planned(kind), booked[kind]) for kind, label in BudgetKind.choices]


@transaction.atomic
def book(user: Staff, spending: Spending, over_budget_reason: str = "") -> Spending:
    """Book a spending (new, or a request being approved); refused beyond what is left of its kind
    unless a reason is given, which is kept and written to the audit trail."""
    budget = Budget.objects.select_for_update().get(pk=spending.budget_id)
    if not may_book(user, budget):
        raise NotAllowed(_("Only the budget's holders can book against it."))
    remaining = budget.planned(spending.kind) - booked_by_kind(budget)[spending.kind]
    exceeds = spending.amount > remaining
    reason = over_budget_reason.strip()
    if exceeds and not reason:
        raise OverBudget(
            _("%(amount)s exceed what is left of the %(kind)s budget (%(remaining)s). Give a reason to book it anyway.")
            % {
                "amount": format_money(spending.amount, 2),
                "kind": BudgetKind(spending.kind).label,
                "remaining": format_money(remaining, 2),
            }
        )
    was_request = spending.pk is not None and spending.status == SpendingStatus.REQUESTED
    spending.status = SpendingStatus.BOOKED
    spending.over_budget_reason = reason if exceeds else ""
    if was_request or not spending.pk:
        spending.decided_by, spending.decided_at = user, timezone.now()
    if not spending.pk:
        spending.requested_by = user
    spending.save()
    details = {"amount": str(spending.amount), "kind": spending.kind}
    if exceeds:
        details.update(over_budget=str(spending.amount - remaining), reason=reason)
    audit.log(
        user,
        AuditAction.APPROVE if was_request else AuditAction.CREATE,
        spending,
        case_id=spending.case_id,
        details=details,
    )
    return spending


@transaction.atomic
def request_spending(user: Staff, spending: Spending) -> Spending:
    """A caseworker asks for case-specific money; the team lead decides."""
    spending.kind = BudgetKind.CASE_SPECIFIC
    spending.status = SpendingStatus.REQUESTED
    spending.requested_by = user
    spending.save()
    audit.log(user, AuditAction.REQUEST, spending, case_id=spending.case_id, details={"amount": str(spending.amount)})
    return spending


@transaction.atomic
def decline(user: Staff, spending: Spending, reason: str) -> Spending:
    spending = Spending.objects.select_for_update().get(pk=spending.pk)
    if spending.status != SpendingStatus.REQUESTED:
        raise NotAllowed(_("This request has been decided already."))
    if not may_book(user, spending.budget):
        raise NotAllowed(_("Only the budget's holders can book against it."))
    spending.status = SpendingStatus.DECLINED
    spending.decline_reason = reason
    spending.decided_by, spending.decided_at = user, timezone.now()
    spending.save()
    audit.log(user, AuditAction.REJECT, spending, case_id=spending.case_id)
    return spending


def budget_for_case(case: Case, year: int) -> Budget | None:
    """The team's budget of that year, else the district's."""
    budgets = Budget.objects.filter(district=case.team.district_id, year=year)
    return budgets.filter(team=case.team_id).first() or budgets.filter(team__isnull=True).first()


@transaction.atomic
def approve(user: Staff, spending: Spending, over_budget_reason: str = "") -> Spending:
    """The team lead books a caseworker's request; a second click finds it decided."""
    spending = Spending.objects.select_for_update().get(pk=spending.pk)
    if spending.status != SpendingStatus.REQUESTED:
        raise NotAllowed(_("This request has been decided already."))
    return book(user, spending, over_budget_reason)
