from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budgets.constants import BudgetKind
from budgets.models import Budget, Spending
from cases.models import Case
from districts.models import District, Team
from networks.models import Network, Offer, Partner
from sozialraum.forms import DATE_INPUT, GermanDecimalField
from sozialraum.roles import Role, has_role
from sozialraum.versioning import VersionedForm


class MoneyField(GermanDecimalField):
    """An amount in euros and cents."""

    invalid_message = _("Enter an amount in euros, e.g. 1.250,00.")


class BudgetForm(VersionedForm):
    planned_case = MoneyField(label=_("case-specific"), initial=Decimal("0.00"))
    planned_cross_case = MoneyField(label=_("cross-case"), initial=Decimal("0.00"))
    planned_non_case = MoneyField(label=_("non-case-specific"), initial=Decimal("0.00"))
    planned_other = MoneyField(label=_("other"), initial=Decimal("0.00"))

    class Meta:
        model = Budget
        fields = [
            "district",
            "team",
            "year",
            "planned_case",
            "planned_cross_case",
            "planned_non_case",
            "planned_other",
            "other_label",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        districts = District.objects.select_related("municipality")
        teams = Team.objects.select_related("district")
        if not has_role(user, Role.PLANNING):
            led = Team.objects.led_by(user)
            districts = districts.filter(teams__in=led).distinct()
            teams = teams.filter(pk__in=led)
        self.fields["district"].queryset = districts
        self.fields["team"].queryset = teams
        if self.initial.get("year") is None:  # a new budget: this year (the instance's None would hide it)
            self.initial["year"] = timezone.localdate().year
        for name in ("planned_case", "planned_cross_case", "planned_non_case", "planned_other"):
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        for name in ("planned_case", "planned_cross_case", "planned_non_case", "planned_other"):
            cleaned[name] = cleaned.get(name) or Decimal("0.00")
        team, district = cleaned.get("team"), cleaned.get("district")
        if team and district and team.district_id != district.pk:
            self.add_error("team", _("The team works in another district."))
        return cleaned


class SpendingForm(forms.ModelForm):
    """A booking by a budget holder."""

    amount = MoneyField(label=_("amount"))
    case_reference = forms.CharField(
        label=_("case (reference)"),
        required=False,
        max_length=30,
        help_text=_("Only for case-specific spending, e.g. BOE-2026-0012."),
    )

    class Meta:
        model = Spending
        fields = [
            "date",
            "amount",
            "kind",
            "purpose",
            "cost_centre",
            "partner",
            "offer",
            "network",
            "over_budget_reason",
        ]
        widgets = {"date": DATE_INPUT, "over_budget_reason": forms.Textarea(attrs={"rows": 2})}

    field_order = ["date", "amount", "kind", "purpose", "case_reference", "cost_centre"]

    def __init__(self, *args, budget: Budget, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget, self.user = budget, user
        municipality = budget.district.municipality_id
        self.fields["partner"].queryset = Partner.objects.filter(municipality=municipality, active=True)
        self.fields["offer"].queryset = Offer.objects.filter(partner__municipality=municipality)
        self.fields["network"].queryset = Network.objects.filter(municipality=municipality)
        self.fields["date"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        day, kind = cleaned.get("date"), cleaned.get("kind")
        if day and day.year != self.budget.year:
            self.add_error("date", _("The date lies outside the budget's year %(year)s.") % {"year": self.budget.year})
        reference = cleaned.get("case_reference", "").strip().upper()
        self.case = None
        if reference:
            if kind != BudgetKind.CASE_SPECIFIC:
                self.add_error("case_reference", _("Only case-specific spending names a case."))
            else:
                self.case = (
                    Case.objects.visible_to(self.user)
                    .filter(reference=reference, team__district=self.budget.district_id)
                    .first()
                )
                if self.case is None:
                    self.add_error(
                        "case_reference", _("No case of this district with that reference that you may see.")
                    )
        if kind == BudgetKind.CASE_SPECIFIC and (cleaned.get("partner") or cleaned.get("network")):
            self.add_error("kind", _("Case-specific spending goes to a case, not to a partner or network."))
        return cleaned


class SpendingRequestForm(forms.ModelForm):
    """A caseworker asks for case-specific money for a case."""

    amount = MoneyField(label=_("amount"))

    class Meta:
        model = Spending
        fields = ["date", "amount", "purpose", "cost_centre"]
        widgets = {"date": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["purpose"].help_text = _("What the money is for, without the person's name (e.g. school trip).")


class DecisionForm(forms.Form):
    over_budget_reason = forms.CharField(
        label=_("reason for exceeding the budget"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    decline_reason = forms.CharField(
        label=_("reason for declining"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
