"""The Sozialraumbudget pages: overview, one budget with its spending, booking, requests from a
case and their decision, and the XLSX export."""

from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from budgets import exports, services
from budgets.constants import BudgetKind, SpendingStatus
from budgets.forms import BudgetForm, DecisionForm, SpendingForm, SpendingRequestForm
from budgets.models import Budget, Spending
from cases.access import visible_case
from cases.constants import WorkKind
from cases.models import Case
from cases.work_minutes import KIND, district_minutes
from districts.models import Team
from sozialraum.formats import month_names
from sozialraum.roles import CASE_WORK_ROLES, Role, has_role
from sozialraum.versioning import EditConflict, conflict_form, save_versioned
from sozialraum.views import CaseWorkMixin, RoleRequiredMixin

BUDGET_ROLES = CASE_WORK_ROLES | {Role.PLANNING}
ZERO = Decimal("0.00")


def visible_budgets(user):
    """Planning sees every budget; case work the budgets of its teams' districts."""
    budgets = Budget.objects.select_related("district__municipality", "team")
    if has_role(user, Role.PLANNING):
        return budgets
    # A subquery, not a join: a join over memberships would multiply the sums of with_sums().
    return budgets.filter(district__in=Team.objects.filter(memberships__user=user).values("district"))


def may_create_budgets(user) -> bool:
    return has_role(user, Role.PLANNING) or Team.objects.led_by(user).exists()


class BudgetMixin(RoleRequiredMixin):
    roles = BUDGET_ROLES

    def get_budget(self, pk) -> Budget:
        return get_object_or_404(visible_budgets(self.request.user), pk=pk)


class BudgetListView(BudgetMixin, ListView):
    template_name = "budgets/budget_list.html"
    context_object_name = "budgets"
    paginate_by = 50

    def get_queryset(self):
        return (
            visible_budgets(self.request.user)
            .with_sums()
            .order_by("-year", "district__municipality__name", "district__name", "team__name")
        )

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "may_create": may_create_budgets(self.request.user)}


class BudgetFormView(BudgetMixin, View):
    template_name = "budgets/budget_form.html"

    def get_instance(self):
        if "pk" in self.kwargs:
            budget = self.get_budget(self.kwargs["pk"])
            if not services.may_book(self.request.user, budget):
                raise Http404
            return budget
        if not may_create_budgets(self.request.user):
            raise Http404
        return Budget(created_by=self.request.user)

    def get(self, request, **kwargs):
        form = BudgetForm(instance=self.get_instance(), user=request.user)
        return render(request, self.template_name, {"form": form})

    def post(self, request, **kwargs):
        budget = self.get_instance()
        form = BudgetForm(request.POST, instance=budget, user=request.user)
        if form.is_valid():
            if budget.pk:
                try:
                    budget = save_versioned(request.user, budget, form.changed_values(), form.cleaned_data["version"])
                except EditConflict as conflict:
                    form = conflict_form(BudgetForm, request.POST, conflict, instance=budget, user=request.user)
                    return render(request, self.template_name, {"form": form})
            else:
                budget = form.save()
            messages.success(request, _("Budget saved."))
            return redirect("budgets:budget_detail", pk=budget.pk)
        return render(request, self.template_name, {"form": form})


def spending_rows(user, spendings):
    """Case-specific spending names its case and purpose only to those who may see the case."""
    spendings = list(spendings)
    case_ids = {spending.case_id for spending in spendings if spending.case_id}
    visible = Case.objects.visible_to(user).filter(pk__in=case_ids).in_bulk()
    for spending in spendings:
        spending.visible_case = visible.get(spending.case_id)
        spending.shown_case = spending.visible_case.reference if spending.visible_case else ""
        spending.purpose_hidden = bool(spending.case_id) and spending.visible_case is None
    return spendings


def time_shares(budget: Budget) -> dict[str, Decimal | None]:
    """Share of the work time logged in the district that year, per kind (from the monthly sums)."""
    year = (date(budget.year, 1, 1), date(budget.year, 12, 31))
    minutes = {row[KIND]: row["n"] for row in district_minutes([budget.district_id], *year, KIND)}
    total = sum(minutes.values())
    return {kind: (Decimal(minutes.get(kind, 0)) * 100 / total if total else None) for kind in WorkKind.values}


class BudgetDetailView(BudgetMixin, View):
    template_name = "budgets/budget_detail.html"

    def get(self, request, pk):
        budget = self.get_budget(pk)
        lines = services.lines(budget)
        booked = Spending.objects.filter(budget=budget, status=SpendingStatus.BOOKED)
        by_month = {
            (row["month"].month, row["kind"]): row["total"]
            for row in booked.annotate(month=TruncMonth("date")).values("month", "kind").annotate(total=Sum("amount"))
        }
        names = month_names()
        months = [
            {"name": names[month - 1], "amounts": [by_month.get((month, kind), ZERO) for kind in BudgetKind.values]}
            for month in range(1, 13)
        ]
        for month in months:
            month["total"] = sum(month["amounts"], ZERO)
        highest = max((month["total"] for month in months), default=ZERO) or Decimal(1)
        for index, month in enumerate(months):
            # The bar chart's geometry in SVG units: 200 high, 100 wide per month.
            month["height"] = int(month["total"] * 190 / highest)
            month["x"], month["y"] = index * 100 + 10, 200 - month["height"]
        work_money = sum((line.booked for line in lines if line.kind != BudgetKind.OTHER), ZERO)
        non_case = next(line for line in lines if line.kind == BudgetKind.NON_CASE)
        holder = services.may_book(request.user, budget)
        spendings = spending_rows(
            request.user, budget.spendings.select_related("requested_by").order_by("-date", "-id")[:200]
        )
        context = {
            "budget": budget,
            "lines": lines,
            "planned_total": budget.planned_total,
            "booked_total": sum((line.booked for line in lines), ZERO),
            "months": months,
            "money_share_non_case": non_case.booked * 100 / work_money if work_money else None,
            "time_share_non_case": time_shares(budget)[WorkKind.NON_CASE],
            "holder": holder,
            "spendings": [s for s in spendings if s.status != SpendingStatus.REQUESTED],
            "requests": [s for s in spendings if s.status == SpendingStatus.REQUESTED] if holder else [],
        }
        for spending in context["requests"]:
            # One form per request, its fields named apart (labels and ids stay unique on the page).
            spending.decision_form = DecisionForm(prefix=f"s{spending.pk}")
        return render(request, self.template_name, context)


class SpendingCreateView(BudgetMixin, View):
    template_name = "budgets/spending_form.html"

    def holder_budget(self, pk):
        budget = self.get_budget(pk)
        if not services.may_book(self.request.user, budget):
            raise Http404
        return budget

    def get(self, request, pk):
        budget = self.holder_budget(pk)
        return render(
            request, self.template_name, {"budget": budget, "form": SpendingForm(budget=budget, user=request.user)}
        )

    def post(self, request, pk):
        budget = self.holder_budget(pk)
        form = SpendingForm(request.POST, budget=budget, user=request.user)
        if form.is_valid():
            spending = form.save(commit=False)
            spending.budget, spending.case = budget, form.case
            try:
                services.book(request.user, spending, form.cleaned_data["over_budget_reason"])
            except services.OverBudget as refused:
                form.add_error("over_budget_reason", str(refused))
            else:
                messages.success(request, _("Spending booked."))
                return redirect("budgets:budget_detail", pk=budget.pk)
        return render(request, self.template_name, {"budget": budget, "form": form})


class SpendingRequestView(CaseWorkMixin, View):
    """From a case: ask the team lead for case-specific money."""

    template_name = "budgets/spending_request.html"

    def case_and_budget(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        return case, services.budget_for_case(case, timezone.localdate().year)

    def get(self, request, reference):
        case, budget = self.case_and_budget(request, reference)
        return render(request, self.template_name, {"case": case, "budget": budget, "form": SpendingRequestForm()})

    def post(self, request, reference):
        case, budget = self.case_and_budget(request, reference)
        form = SpendingRequestForm(request.POST)
        if budget is None:
            form.add_error(None, _("There is no budget for this case's district this year."))
        elif form.is_valid():
            if form.cleaned_data["date"].year != budget.year:
                form.add_error("date", _("The date lies outside the budget's year %(year)s.") % {"year": budget.year})
            else:
                spending = form.save(commit=False)
                spending.budget, spending.case = budget, case
                services.request_spending(request.user, spending)
                messages.success(request, _("Request sent to the team lead."))
                return redirect(case)
        return render(request, self.template_name, {"case": case, "budget": budget, "form": form})


class SpendingDecideView(BudgetMixin, View):
    def post(self, request, pk):
        spending = get_object_or_404(Spending.objects.select_related("budget"), pk=pk)
        budget = self.get_budget(spending.budget_id)
        form = DecisionForm(request.POST, prefix=f"s{spending.pk}")
        form.is_valid()
        try:
            if "decline" in request.POST:
                reason = form.cleaned_data.get("decline_reason", "").strip()
                if not reason:
                    raise services.NotAllowed(_("Say why the request is declined."))
                services.decline(request.user, spending, reason)
                messages.success(request, _("Request declined."))
            else:
                services.approve(request.user, spending, form.cleaned_data.get("over_budget_reason", ""))
                messages.success(request, _("Request approved and booked."))
        except (services.NotAllowed, services.OverBudget) as refused:
            messages.error(request, str(refused))
        return redirect(reverse("budgets:budget_detail", args=[budget.pk]) + "#requests")


class BudgetExportView(BudgetMixin, View):
    def get(self, request, pk):
        budget = self.get_budget(pk)
        spendings = spending_rows(
            request.user, budget.spendings.filter(status=SpendingStatus.BOOKED).order_by("date", "id").iterator()
        )
        response = HttpResponse(
            exports.budget_xlsx(budget, services.lines(budget), spendings),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="budget-{budget.district.slug}-{budget.year}.xlsx"'
        return response


class TeamBudgetView(BudgetMixin, View):
    """From the team on the start page: this year's budget of the team, else of its district."""

    def get(self, request, team_id):
        team = get_object_or_404(Team.objects.filter(memberships__user=request.user).distinct(), pk=team_id)
        budgets = visible_budgets(request.user).filter(district=team.district_id, year=timezone.localdate().year)
        budget = budgets.filter(team=team).first() or budgets.filter(team__isnull=True).first()
        if budget is None:
            messages.info(request, _("There is no budget for your district this year yet."))
            return redirect("budgets:budget_list")
        return redirect("budgets:budget_detail", pk=budget.pk)
