from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from districts.constants import Weekday
from districts.models import Team
from meetings.constants import MeetingKind, Rhythm, WeekParity
from networks.models import Network
from sozialraum.validators import plausible_date


class MeetingSeries(models.Model):
    """A standing meeting of a team or a network (Gremienkalender), with its rhythm."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="meeting_series", verbose_name=_("team")
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_series",
        verbose_name=_("network"),
    )
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=24, choices=MeetingKind.choices)
    rhythm = models.CharField(_("rhythm"), max_length=12, choices=Rhythm.choices)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices, null=True, blank=True)
    nth = models.SmallIntegerField(
        _("which weekday of the month"), null=True, blank=True, help_text=_("1 to 4, or −1 for the last one.")
    )
    week_parity = models.CharField(_("calendar weeks"), max_length=4, choices=WeekParity.choices, blank=True)
    given_dates = ArrayField(models.DateField(), default=list, blank=True, verbose_name=_("dates"))
    start_date = models.DateField(_("first day"), validators=[plausible_date])
    end_date = models.DateField(_("last day"), validators=[plausible_date])
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(team__isnull=False) & Q(network__isnull=True))
                | (Q(team__isnull=True) & Q(network__isnull=False)),
                name="meetingseries_team_or_network",
            ),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="meetingseries_end_after_start"),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")), name="meetingseries_ends_after_it_starts"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("meetings:series_detail", args=[self.pk])

    @property
    def owner(self):
        return self.team or self.network

    @property
    def municipality(self):
        return self.team.district.municipality if self.team_id else self.network.municipality
