"""Places where offers happen: one record per place, with its address, so that offers in the
same Bürgerzentrum share one location (HSDS: location with address and coordinates)."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.models import Municipality
from districts.validators import postal_code_validator


class Place(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="places", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. Bürgerzentrum Wiblingen"))
    street = models.CharField(_("street and number"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True, validators=[postal_code_validator])
    city = models.CharField(_("city"), max_length=80, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Decimal degrees (WGS 84), e.g. 48.366512"),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Decimal degrees (WGS 84), e.g. 9.979738"),
    )
    accessibility = models.CharField(
        _("accessibility"), max_length=200, blank=True, help_text=_("e.g. step-free entrance, accessible toilet")
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="place_unique_name_per_municipality"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="place_both_coordinates_or_none",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:place_edit", args=[self.pk])

    @property
    def address(self) -> str:
        town = " ".join(filter(None, [self.postal_code, self.city]))
        return ", ".join(filter(None, [self.street, town]))

    @property
    def label(self) -> str:
        """The place with its address, as the offer form lists it."""
        return f"{self.name} ({self.address})" if self.address else self.name
