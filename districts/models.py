from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.constants import (
    LEADING_ROLES,
    FederalState,
    IndicatorUnit,
    LegalAreaCode,
    LocalityKind,
    MembershipRole,
    Weekday,
)
from sozialraum.validators import plausible_date


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    state = models.CharField(
        _("federal state"),
        max_length=2,
        choices=FederalState.choices,
        help_text=_("Decides the public holidays of the meeting calendar."),
    )
    committee_weekday = models.PositiveSmallIntegerField(
        _("committee weekday"),
        null=True,
        blank=True,
        choices=Weekday.choices[:5],
        help_text=_("Day the districts keep for committees, without public opening hours (Ulm: Wednesday)."),
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("districts:municipality_detail", args=[self.slug])


class District(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="districts", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in addresses"), max_length=120)
    code = models.CharField(
        _("code"),
        max_length=8,
        help_text=_("Short uppercase code used in case reference numbers, e.g. STY for Styrum."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="district_unique_name_per_municipality"),
            models.UniqueConstraint(fields=["municipality", "slug"], name="district_unique_slug_per_municipality"),
            models.UniqueConstraint(fields=["municipality", "code"], name="district_unique_code_per_municipality"),
        ]

    def __str__(self):
        return f"{self.name} ({self.municipality.name})"

    def get_absolute_url(self):
        return reverse("districts:district_detail", args=[self.municipality.slug, self.slug])


class Locality(models.Model):
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="localities", verbose_name=_("district")
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=12, choices=LocalityKind.choices, default=LocalityKind.LOCALITY)

    class Meta:
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="locality_unique_name_per_district"),
        ]

    def __str__(self):
        return self.name


class LegalArea(models.Model):
    code = models.CharField(_("legal area"), max_length=10, choices=LegalAreaCode.choices, unique=True)
    retention_years = models.PositiveSmallIntegerField(
        _("retention period (years)"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("Years after a case is closed until its personal data are erased."),
    )

    class Meta:
        verbose_name = _("legal area")
        verbose_name_plural = _("legal areas")
        ordering = ["id"]

    def __str__(self):
        return self.name_of(self.code)

    @staticmethod
    def name_of(code: str) -> str:
        """How a legal area is named by its code ("SGB II"; the label of "other")."""
        return code if code != LegalAreaCode.OTHER else str(LegalAreaCode(code).label)


class ServiceArea(models.Model):
    name = models.CharField(_("name"), max_length=160, unique=True)
    legal_area = models.ForeignKey(
        LegalArea, on_delete=models.PROTECT, related_name="service_areas", verbose_name=_("legal area")
    )

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.legal_area})"


class Indicator(models.Model):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=160)
    unit = models.CharField(_("unit"), max_length=10, choices=IndicatorUnit.choices, default=IndicatorUnit.PERSONS)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100, help_text=_("Order in tables."))

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def is_share(self) -> bool:
        return self.unit == IndicatorUnit.PERCENT


class IndicatorValue(models.Model):
    """One figure at one reference date, for a district or (district empty) the whole municipality."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="values", verbose_name=_("indicator")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="indicator_values", verbose_name=_("municipality")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        related_name="indicator_values",
        null=True,
        blank=True,
        verbose_name=_("district"),
        help_text=_("Leave empty for a figure of the whole municipality."),
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    reference_year = models.PositiveSmallIntegerField(
        _("reference year"), null=True, blank=True, help_text=_("Leave empty only if the source names no year.")
    )
    reference_date = models.DateField(
        _("reference date"),
        null=True,
        blank=True,
        help_text=_("Exact reference date, if the source names one."),
        validators=[plausible_date],
    )
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator__position", "-reference_year"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="indicatorvalue_value_not_negative"),
            models.CheckConstraint(
                condition=Q(reference_date__isnull=True) | Q(reference_date__year=F("reference_year")),
                name="indicatorvalue_date_in_reference_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "municipality", "district", "reference_year"],
                nulls_distinct=False,
                name="indicatorvalue_unique_per_area_and_year",
            ),
        ]

    def __str__(self):
        area = self.district.name if self.district_id else self.municipality.name
        return f"{self.indicator.name}, {area}, {self.reference_year}"

    def clean(self):
        errors = {}
        if self.value is not None and self.value < 0:
            errors["value"] = _("A figure cannot be negative.")
        if self.indicator_id and self.value is not None and self.indicator.is_share and self.value > Decimal(100):
            errors["value"] = _("A share cannot be above 100 %.")
        if self.district_id and self.municipality_id and self.district.municipality_id != self.municipality_id:
            errors["district"] = _("The district does not belong to this municipality.")
        if self.reference_date and self.reference_year and self.reference_date.year != self.reference_year:
            errors["reference_date"] = _("The reference date must lie in the reference year.")
        if errors:
            raise ValidationError(errors)


class StaffFigure(models.Model):
    """Staff working in a district, or in a unit of the municipality such as its central administration."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="staff_figures", verbose_name=_("municipality")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.CASCADE,
        related_name="staff_figures",
        null=True,
        blank=True,
        verbose_name=_("district"),
    )
    unit_name = models.CharField(
        _("unit"),
        max_length=120,
        blank=True,
        help_text=_("For staff outside the districts, e.g. central administration."),
    )
    total = models.PositiveIntegerField(_("staff in total"))
    female = models.PositiveIntegerField(_("of whom female"))
    male = models.PositiveIntegerField(_("of whom male"))
    approximate = models.BooleanField(_("approximate"), default=False, help_text=_("The source says “ca.”."))
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("staff figure")
        verbose_name_plural = _("staff figures")
        ordering = ["municipality__name", "district__name", "unit_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(female__lte=F("total") - F("male")), name="stafffigure_parts_within_total"
            ),
            models.CheckConstraint(
                condition=Q(district__isnull=False) | ~Q(unit_name=""), name="stafffigure_district_or_unit"
            ),
            models.UniqueConstraint(
                fields=["municipality", "district", "unit_name"],
                nulls_distinct=False,
                name="stafffigure_unique_per_unit",
            ),
        ]

    def __str__(self):
        return self.unit_name or self.district.name

    def clean(self):
        errors = {}
        if None not in (self.total, self.female, self.male) and self.female + self.male > self.total:
            errors["total"] = _("Female and male staff together exceed the total.")
        if not self.district_id and not self.unit_name:
            errors["unit_name"] = _("Name the unit when no district is chosen.")
        if self.district_id and self.municipality_id and self.district.municipality_id != self.municipality_id:
            errors["district"] = _("The district does not belong to this municipality.")
        if errors:
            raise ValidationError(errors)


class TeamQuerySet(models.QuerySet):
    def of_user(self, user):
        return self.filter(memberships__user=user).distinct()

    def led_by(self, user):
        """The teams the user leads or deputises: they plan its meetings and see its work figures."""
        return self.filter(memberships__user=user, memberships__role__in=LEADING_ROLES)


class Team(models.Model):
    """A cross-legal-area Sozialraumteam of one district."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="teams", verbose_name=_("district"))
    name = models.CharField(_("name"), max_length=160)
    address = models.TextField(
        _("postal address"), blank=True, help_text=_("As letters give it: office, street, postal code and town.")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="teams", verbose_name=_("members")
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["district__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="team_unique_name_per_district"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("districts:team_detail", args=[self.pk])


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team"))
    role = models.CharField(
        _("role in the team"), max_length=10, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    service_area = models.ForeignKey(
        ServiceArea,
        on_delete=models.PROTECT,
        related_name="memberships",
        null=True,
        blank=True,
        verbose_name=_("service area"),
        help_text=_("Decides the member's legal area and so which case files it may read in full."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["team__name", "role", "user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "team"], name="membership_unique_user_per_team"),
        ]

    def __str__(self):
        return f"{self.user} – {self.team} ({self.get_role_display()})"

    @property
    def is_leading(self) -> bool:
        return self.role in LEADING_ROLES


class AccessRequestStatus(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class AccessRequest(models.Model):
    """A role or a team membership asked for by one administrator. It grants nothing until a
    second administrator approves it (four-eyes, DESIGN §4 rule 9; districts.access_requests)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_requests", verbose_name=_("for")
    )
    group = models.ForeignKey(
        "auth.Group", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("role")
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="access_requests", verbose_name=_("team")
    )
    membership_role = models.CharField(_("role in the team"), max_length=10, choices=MembershipRole.choices, blank=True)
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("service area")
    )
    reason = models.CharField(
        _("reason"), max_length=200, blank=True, help_text=_("E.g. the ticket or the start date; no client data.")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AccessRequestStatus.choices, default=AccessRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(group__isnull=False, team__isnull=True) | Q(group__isnull=True, team__isnull=False),
                name="access_request_role_or_team",
            ),
            # A double click or a second administrator asking the same: one open request.
            models.UniqueConstraint(
                fields=["user", "group"],
                condition=Q(status="pending", group__isnull=False),
                name="access_request_one_open_role",
            ),
            models.UniqueConstraint(
                fields=["user", "team"],
                condition=Q(status="pending", team__isnull=False),
                name="access_request_one_open_membership",
            ),
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} – {self.change_label}"

    @property
    def change_label(self) -> str:
        if self.group_id:
            return str(_("role “%(role)s”") % {"role": self.group.name})
        label = _("member of %(team)s as %(role)s") % {"team": self.team, "role": self.get_membership_role_display()}
        if self.service_area_id:
            label = f"{label} ({self.service_area})"
        return str(label)

    @property
    def is_pending(self) -> bool:
        return self.status == AccessRequestStatus.PENDING
