"""Follow-ups (Wiedervorlagen): a date on which someone looks at a case or a partner again, set
by hand or by the app itself from a source (a goal's due date, an expiring consent, …), and the
phases of a case with their dates."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import Phase
from cases.models.case import Case
from networks.models import Network, Partner
from sozialraum.formats import format_date
from sozialraum.validators import plausible_date


class FollowUpSource(models.TextChoices):
    """Where a follow-up comes from; all but MANUAL are kept current by cases.follow_ups."""

    MANUAL = "manual", _("Follow-up")
    GOAL = "goal", _("Goal due")
    CONSENT = "consent", _("Consent expires")
    REFERRAL = "referral", _("Referral without outcome")
    CONSULTATION = "consultation", _("Follow-up from a consultation")
    ACTION_ITEM = "action_item", _("Action item due")
    DETACHMENT = "detachment", _("Long in the detachment phase")
    CONTACT_CHECK = "contact_check", _("Contact not checked for a year")


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)


class FollowUp(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups", verbose_name=_("case")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups", verbose_name=_("partner")
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, blank=True, related_name="follow_ups", verbose_name=_("network")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"), validators=[plausible_date])
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=FollowUpSource.choices)
    # The record it comes from (a goal, a consent, …) and the date that record gives; when the
    # record's date moves, the follow-up moves with it (and opens again).
    source_id = models.PositiveIntegerField(null=True, blank=True)
    source_due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # Done because its source no longer asks for it (goal achieved, consent withdrawn, case closed …).
    settled_by_source = models.BooleanField(default=False)
    postponed_reason = models.CharField(_("reason for postponing"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"], condition=Q(source_id__isnull=False), name="followup_once_per_source"
            ),
            models.CheckConstraint(
                condition=Q(source=FollowUpSource.MANUAL, source_id__isnull=True)
                | (~Q(source=FollowUpSource.MANUAL) & Q(source_id__isnull=False)),
                name="followup_source_id_iff_not_manual",
            ),
            models.CheckConstraint(
                condition=~Q(source=FollowUpSource.MANUAL) | Q(case__isnull=False) | Q(partner__isnull=False),
                name="followup_manual_names_case_or_partner",
            ),
        ]
        indexes = [
            # "Meine Aufgaben" and the badge: a user's open follow-ups by date.
            models.Index(fields=["owner", "due_on"], condition=Q(done_on__isnull=True), name="followup_open_by_owner"),
        ]

    def __str__(self):
        return f"{self.get_source_display()} {format_date(self.due_on)}"

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class PhasePeriod(models.Model):
    """A stretch of time a case spent in one phase; the current one has no end."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="phase_periods", verbose_name=_("case"))
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    started_on = models.DateField(_("since"))
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_on__isnull=True), name="phaseperiod_one_current"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="phaseperiod_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_phase_display()} {format_date(self.started_on)}"


class ReminderSubscription(models.Model):
    """A user's choice to get the daily reminder mail (counts and a link, never content)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_up_reminder", verbose_name=_("user")
    )
    last_sent_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder mail")
        verbose_name_plural = _("reminder mails")

    def __str__(self):
        return str(self.user)
