"""The work log: every piece of work with date and minutes, of one of three kinds."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import MAX_MINUTES_PER_ENTRY, ActivityType, WorkKind
from cases.models.case import Case
from districts.models import District
from networks.models import Network, Partner
from sozialraum.formats import format_date
from sozialraum.validators import plausible_date


class Activity(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="activities", verbose_name=_("by")
    )
    date = models.DateField(_("date"), default=timezone.localdate, validators=[plausible_date])
    minutes = models.PositiveSmallIntegerField(_("minutes"))
    kind = models.CharField(_("kind of work"), max_length=10, choices=WorkKind.choices)
    activity_type = models.CharField(_("type"), max_length=20, choices=ActivityType.choices)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="activities", verbose_name=_("district")
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="activities", verbose_name=_("case")
    )
    related_cases = models.ManyToManyField(
        Case, blank=True, related_name="cross_case_activities", verbose_name=_("cases")
    )
    group_description = models.CharField(
        _("group"), max_length=200, blank=True, help_text=_("For cross-case work with a group, e.g. a parents' café.")
    )
    partners = models.ManyToManyField(Partner, blank=True, related_name="activities", verbose_name=_("with partners"))
    network = models.ForeignKey(
        Network,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("in network"),
    )
    people_reached = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # (a database default too: the load generator and imports insert by SQL)
    version = models.PositiveIntegerField(default=1, db_default=1, editable=False)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=MAX_MINUTES_PER_ENTRY), name="activity_minutes_within_a_day"
            ),
            models.CheckConstraint(
                condition=Q(kind=WorkKind.CASE_SPECIFIC, case__isnull=False) | ~Q(kind=WorkKind.CASE_SPECIFIC),
                name="activity_case_specific_has_a_case",
            ),
            models.CheckConstraint(
                condition=Q(case__isnull=True) | Q(kind=WorkKind.CASE_SPECIFIC),
                name="activity_only_case_specific_has_one_case",
            ),
            models.CheckConstraint(
                condition=Q(people_reached__isnull=True) | Q(kind=WorkKind.NON_CASE),
                name="activity_people_reached_only_for_district_work",
            ),
        ]
        indexes = [
            # The work log, newest first (keyset and OFFSET walk it without sorting) …
            models.Index(fields=["user", "-date", "-id"], name="activity_user_recent"),
            # … and the work figures per user and period, read from the index alone.
            models.Index(fields=["user", "date"], include=["kind", "minutes"], name="activity_user_date_figures"),
            # Entries of a district in some days (the committee report's months begun or not
            # ended; whole months it reads from MonthlyWork).
            models.Index(fields=["district", "date", "kind"], name="activity_district_date_kind"),
            # The case timeline: the latest entries of one case.
            models.Index(fields=["case", "-date", "-id"], name="activity_case_recent"),
        ]

    def __str__(self):
        return f"{format_date(self.date)} {self.get_activity_type_display()} ({self.minutes} min)"
