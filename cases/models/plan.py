"""The help plan of a case: goals derived from the will, resources, consents."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import ConsentScope, GoalStatus, ResourceKind
from cases.models.case import Case
from districts.models import LegalArea, Team
from networks.constants import PartnerKind
from networks.models import Partner
from sozialraum.validators import plausible_date


class Goal(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals", verbose_name=_("case"))
    title = models.CharField(_("goal"), max_length=300, help_text=_("What the person wants to reach."))
    actions = models.TextField(
        _("who does what"), blank=True, help_text=_("The steps agreed: who does what, the person first.")
    )
    due_on = models.DateField(_("by when"), null=True, blank=True, validators=[plausible_date])
    status = models.CharField(_("status"), max_length=12, choices=GoalStatus.choices, default=GoalStatus.AGREED)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True, validators=[plausible_date])
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=GoalStatus.ACHIEVED, achieved_on__isnull=False)
                | (~Q(status=GoalStatus.ACHIEVED) & Q(achieved_on__isnull=True)),
                name="goal_achieved_on_iff_achieved",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="goal_status_due")]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return (
            self.due_on is not None
            and self.due_on < timezone.localdate()
            and self.status in (GoalStatus.AGREED, GoalStatus.IN_PROGRESS)
        )


class Resource(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="resources", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=16, choices=ResourceKind.choices)
    description = models.CharField(_("description"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["kind", "id"]

    def __str__(self):
        return self.description


class ConsentQuerySet(models.QuerySet):
    def covering_partner(self, partner):
        """Consents that let personal data go to this partner: named, or of its kind."""
        return self.filter(
            Q(scope=ConsentScope.PARTNER, partner=partner)
            | Q(scope=ConsentScope.PARTNER_KIND, partner_kind=partner.kind)
        )

    def active(self, on=None):
        """Given, not expired, not withdrawn — on the given day (today by default)."""
        day = on or timezone.localdate()
        return self.filter(given_on__lte=day, withdrawn_at__isnull=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class Consent(models.Model):
    """The person's consent to share its data (Schweigepflichtentbindung): a record, never a checkbox."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents", verbose_name=_("case"))
    scope = models.CharField(_("consent for"), max_length=12, choices=ConsentScope.choices)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    legal_area = models.ForeignKey(
        LegalArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("legal area")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("partner")
    )
    partner_kind = models.CharField(
        _("kind of partner"),
        max_length=20,
        choices=PartnerKind.choices,
        blank=True,
        help_text=_("For a consent that covers every partner of one kind, e.g. all schools."),
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    given_on = models.DateField(_("given on"), validators=[plausible_date])
    valid_until = models.DateField(_("valid until"), null=True, blank=True, validators=[plausible_date])
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("given_on")),
                name="consent_valid_until_not_before_given",
            ),
            models.CheckConstraint(
                condition=Q(
                    scope=ConsentScope.TEAM,
                    team__isnull=False,
                    legal_area__isnull=True,
                    partner__isnull=True,
                    partner_kind="",
                )
                | Q(
                    scope=ConsentScope.LEGAL_AREA,
                    team__isnull=True,
                    legal_area__isnull=False,
                    partner__isnull=True,
                    partner_kind="",
                )
                | Q(
                    scope=ConsentScope.PARTNER,
                    team__isnull=True,
                    legal_area__isnull=True,
                    partner__isnull=False,
                    partner_kind="",
                )
                | (
                    Q(scope=ConsentScope.PARTNER_KIND, team__isnull=True, legal_area__isnull=True, partner__isnull=True)
                    & ~Q(partner_kind="")
                ),
                name="consent_scope_names_exactly_its_target",
            ),
        ]
        indexes = [models.Index(fields=["case", "scope"], name="consent_case_scope")]

    def __str__(self):
        return f"{self.get_scope_display()}: {self.target}"

    @property
    def target(self) -> str:
        if self.scope == ConsentScope.TEAM:
            return str(self.team)
        if self.scope == ConsentScope.LEGAL_AREA:
            return str(self.legal_area)
        if self.scope == ConsentScope.PARTNER:
            return str(self.partner)
        return str(self.get_partner_kind_display())

    def is_active(self, on=None) -> bool:
        day = on or timezone.localdate()
        return (
            self.withdrawn_at is None and self.given_on <= day and (self.valid_until is None or self.valid_until >= day)
        )

    @property
    def state_label(self) -> str:
        if self.withdrawn_at:
            return str(_("withdrawn"))
        if self.is_active():
            return str(_("active"))
        if self.given_on > timezone.localdate():
            return str(_("not yet valid"))
        return str(_("expired"))


class HelpPlanVersion(models.Model):
    """The help plan as it stood after a change (Fortschreibung): the will, the goals and the
    resources, kept so that every earlier version can be shown, compared and printed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_versions", verbose_name=_("case"))
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    phase = models.CharField(_("phase"), max_length=12, blank=True)
    will = models.TextField(_("will"), blank=True)
    goals = models.JSONField(default=list)  # [{"id", "title", "actions", "due_on", "status"}]
    resources = models.JSONField(default=list)  # [{"id", "kind", "description"}]

    class Meta:
        verbose_name = _("help plan version")
        verbose_name_plural = _("help plan versions")
        ordering = ["case", "-number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="helpplanversion_unique_number")]

    def __str__(self):
        return f"{self.case} v{self.number}"
