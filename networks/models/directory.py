"""The partner directory: organisations in the districts and their contact persons."""

import uuid

from django.contrib.postgres.indexes import GinIndex
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.models import District, Locality, Municipality
from districts.validators import postal_code_validator
from networks.constants import PartnerKind
from sozialraum.validators import plausible_date

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()/\-]{4,30}$",
    _("Enter a phone number of digits, spaces, +, /, - or brackets, e.g. 0731 161-5100."),
)


class Partner(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="partners", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices, default=PartnerKind.OTHER)
    districts = models.ManyToManyField(
        District, blank=True, related_name="partners", verbose_name=_("districts served")
    )
    localities = models.ManyToManyField(
        Locality, blank=True, related_name="partners", verbose_name=_("localities served")
    )
    street = models.CharField(_("street and number"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True, validators=[postal_code_validator])
    city = models.CharField(_("city"), max_length=80, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    last_checked_on = models.DateField(_("last checked on"), null=True, blank=True, validators=[plausible_date])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The partner's identifier in the HSDS export and API (organization id).
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="partner_unique_name_per_municipality"),
        ]
        indexes = [GinIndex(fields=["name"], name="partner_name_trgm", opclasses=["gin_trgm_ops"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:partner_detail", args=[self.pk])


class ContactPerson(models.Model):
    """A person to call at a partner, for one function; `deputy` stands in when it is away."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("partner"))
    name = models.CharField(_("name"), max_length=120)
    function = models.CharField(_("function"), max_length=160, blank=True, help_text=_("e.g. head of the Kita"))
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    deputy = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy_for",
        verbose_name=_("deputy"),
    )
    last_checked_on = models.DateField(_("last checked on"), null=True, blank=True, validators=[plausible_date])
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "name"], name="contactperson_unique_name_per_partner"),
            models.CheckConstraint(condition=~models.Q(deputy=models.F("id")), name="contactperson_not_own_deputy"),
        ]
        indexes = [GinIndex(fields=["name"], name="contactperson_name_trgm", opclasses=["gin_trgm_ops"])]

    def __str__(self):
        return f"{self.name} ({self.partner.name})" if self.partner_id else self.name

    @property
    def reach(self) -> str:
        """Phone and e-mail in one line, as the Ulm roster prints them."""
        return " · ".join(part for part in (self.phone, self.email) if part)
