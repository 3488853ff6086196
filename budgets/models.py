"""The Sozialraumbudget: planned amounts per district (or team) and year, split by kind of work,
and the spending booked against them. Money is Decimal with two places (cents), never float."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.utils.translation import gettext_lazy as _

from budgets.constants import BudgetKind, SpendingStatus
from cases.models import Case
from districts.models import District, Team
from networks.models import Network, Offer, Partner
from sozialraum.validators import plausible_date

MONEY = {"max_digits": 14, "decimal_places": 2}
CENT = Decimal("0.01")


def money_field(label, **extra):
    return models.DecimalField(
        label, default=Decimal("0.00"), validators=[MinValueValidator(Decimal("0"))], **MONEY, **extra
    )


class BudgetQuerySet(models.QuerySet):
    def with_sums(self):
        """Each budget with planned_sum, booked and left, summed in the query (lists and start page)."""
        planned = F("planned_case") + F("planned_cross_case") + F("planned_non_case") + F("planned_other")
        booked = Sum("spendings__amount", filter=Q(spendings__status=SpendingStatus.BOOKED), default=Decimal("0.00"))
        return self.annotate(planned_sum=planned, booked=booked).annotate(left=F("planned_sum") - F("booked"))


class Budget(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("district"))
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgets",
        verbose_name=_("team"),
        help_text=_("Empty: the budget of the whole district."),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    planned_case = money_field(_("case-specific"))
    planned_cross_case = money_field(_("cross-case"))
    planned_non_case = money_field(_("non-case-specific"))
    planned_other = money_field(_("other"))
    other_label = models.CharField(
        _("what “other” is for"), max_length=120, blank=True, help_text=_("e.g. Stadtteilfest, Verfügungsfonds")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = BudgetQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-year", "district__name", "team__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "team", "year"], nulls_distinct=False, name="budget_one_per_district_team_year"
            ),
        ]

    def __str__(self):
        owner = self.team.name if self.team_id else self.district.name
        return f"{owner} {self.year}"

    def planned(self, kind: str) -> Decimal:
        return getattr(self, f"planned_{kind}")

    @property
    def planned_total(self) -> Decimal:
        return sum((self.planned(kind) for kind in BudgetKind.values), Decimal("0.00"))


class Spending(models.Model):
    """A booking against a budget; a caseworker's request for a case waits for the team lead."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="spendings", verbose_name=_("budget"))
    date = models.DateField(_("date"), validators=[plausible_date])
    amount = models.DecimalField(_("amount"), validators=[MinValueValidator(CENT)], **MONEY)
    kind = models.CharField(_("kind"), max_length=12, choices=BudgetKind.choices)
    purpose = models.CharField(_("purpose"), max_length=300)
    cost_centre = models.CharField(
        _("cost centre / product"), max_length=40, blank=True, help_text=_("As in the municipal budget, e.g. 3.6.3.1")
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="spendings", verbose_name=_("case")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("partner")
    )
    offer = models.ForeignKey(
        Offer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("offer")
    )
    network = models.ForeignKey(
        Network, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("network")
    )
    status = models.CharField(_("status"), max_length=10, choices=SpendingStatus.choices, default=SpendingStatus.BOOKED)
    over_budget_reason = models.TextField(
        _("reason for exceeding the budget"), blank=True, help_text=_("Needed when the booking exceeds what is left.")
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("entered by")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["budget", "status", "kind"], name="spending_budget_status_kind")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="spending_amount_positive"),
            # A case only on case-specific spending (the only kind that is about one person).
            models.CheckConstraint(
                condition=Q(case__isnull=True) | Q(kind=BudgetKind.CASE_SPECIFIC), name="spending_case_only_case_kind"
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.amount} €"
