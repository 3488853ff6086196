"""Networks (Gremien): standing groups with a negotiated goal, a coordinator and members."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.models import District, Municipality
from networks.models.directory import ContactPerson, Partner
from sozialraum.validators import plausible_date


class Network(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="networks", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), help_text=_("The goal the network serves, as negotiated by its members."))
    districts = models.ManyToManyField(District, blank=True, related_name="networks", verbose_name=_("districts"))
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_networks",
        verbose_name=_("coordinator"),
    )
    coordinator_phone = models.CharField(_("coordinator's phone"), max_length=40, blank=True)
    coordinator_email = models.EmailField(_("coordinator's e-mail"), blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=200, blank=True)
    # Free text as the network states it; the meeting calendar's rules are MeetingSeries.rhythm.
    meeting_frequency = models.CharField(
        _("meeting frequency"), max_length=120, blank=True, help_text=_("e.g. every six weeks, on Wednesdays")
    )
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="network_unique_name_per_municipality"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:network_detail", args=[self.pk])


class NetworkMembership(models.Model):
    """A partner's membership of a network, one row of its roster: a field of work, its
    representative and deputy."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("network")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="network_memberships", verbose_name=_("partner")
    )
    field_of_work = models.CharField(_("field of work"), max_length=200)
    representative = models.ForeignKey(
        ContactPerson, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("person")
    )
    deputy = models.ForeignKey(
        ContactPerson, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("deputy")
    )
    since = models.DateField(_("since"), null=True, blank=True, validators=[plausible_date])
    until = models.DateField(_("until"), null=True, blank=True, validators=[plausible_date])
    position = models.PositiveIntegerField(_("position"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(since__isnull=True) | Q(until__isnull=True) | Q(until__gte=F("since")),
                name="networkmembership_until_not_before_since",
            ),
            # The Ulm roster has two members "Kommunaler Sozialer Dienst", one per person.
            models.UniqueConstraint(
                fields=["network", "partner", "field_of_work", "representative"],
                nulls_distinct=False,
                name="networkmembership_unique_line",
            ),
        ]

    def __str__(self):
        return f"{self.network}: {self.field_of_work}"
