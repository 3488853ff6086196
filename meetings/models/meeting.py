"""One meeting: attendance, agenda, consultation records, action items, corrections."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from districts.models import Membership, Team
from meetings.constants import AgendaItemKind, MeetingKind, MeetingStatus, ProposalStatus
from meetings.models.series import MeetingSeries
from networks.models import Network, Partner
from sozialraum.formats import format_date
from sozialraum.roles import does_case_work
from sozialraum.validators import plausible_date


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Meetings of the teams the user is a *current* member of, with a case-work role, and
        of the networks it coordinates. Having attended is no key: a former member or a guest
        does not keep reading agendas, records and minutes (DESIGN §4 rule 1)."""
        if not user.is_authenticated:
            return self.none()
        mine = Q(network__coordinator=user)
        if does_case_work(user):
            mine |= Q(team__in=Membership.objects.filter(user=user).values("team"))
        return self.filter(mine)


class Meeting(models.Model):
    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("series"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="meetings", verbose_name=_("team")
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, blank=True, related_name="meetings", verbose_name=_("network")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=MeetingKind.choices)
    scheduled_on = models.DateField(_("date by the rhythm"), null=True, blank=True, editable=False)
    date = models.DateField(_("date"), validators=[plausible_date])
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    holiday = models.CharField(
        _("public holiday"), max_length=120, blank=True, help_text=_("Set when the date falls on a public holiday.")
    )
    status = models.CharField(_("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    agenda_sent_at = models.DateTimeField(_("agenda sent at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    cancelled_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    # For calendar programs (RFC 5545): a changed date, time, place or status raises the sequence.
    sequence = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_default=Now())
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(fields=["series", "scheduled_on"], name="meeting_once_per_series_date"),
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="meeting_ends_after_it_starts"),
            models.CheckConstraint(
                condition=(Q(team__isnull=False) & Q(network__isnull=True))
                | (Q(team__isnull=True) & Q(network__isnull=False)),
                name="meeting_team_or_network",
            ),
        ]
        indexes = [
            models.Index(fields=["date"], name="meeting_date"),
            models.Index(fields=["team", "date"], name="meeting_team_date"),
        ]

    def __str__(self):
        return f"{self.title}, {format_date(self.date)}"

    def get_absolute_url(self):
        return reverse("meetings:meeting_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == MeetingStatus.CLOSED

    @property
    def length_minutes(self) -> int:
        start = datetime.combine(self.date, self.start_time)
        return int((datetime.combine(self.date, self.end_time) - start).total_seconds() // 60)

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self):
        return timezone.make_aware(datetime.combine(self.date, self.end_time))


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meeting_attendances",
        verbose_name=_("member"),
    )
    guest_name = models.CharField(_("guest"), max_length=120, blank=True)
    guest_partner = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("guest's organisation"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(guest_name="")) | (Q(user__isnull=True) & ~Q(guest_name="")),
                name="attendance_member_or_guest",
            ),
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_once_per_member"),
        ]

    def __str__(self):
        return self.guest_name or str(self.user)

    @property
    def is_guest(self) -> bool:
        return self.user_id is None


class CaseProposal(models.Model):
    """A caseworker asks the team to consult on a case (kollegiale Fallberatung), with its question."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("case"))
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="case_proposals", verbose_name=_("team"))
    question = models.TextField(_("question for the team (Fragestellung)"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    withdrawn_reason = models.CharField(_("reason for withdrawing"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("case proposal")
        verbose_name_plural = _("case proposals")
        ordering = ["proposed_at"]

    def __str__(self):
        return f"{self.case}: {self.question[:40]}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=AgendaItemKind.choices)
    title = models.CharField(_("title"), max_length=200)
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items", verbose_name=_("case")
    )
    proposal = models.ForeignKey(
        CaseProposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("proposal"),
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presenter"),
    )
    planned_minutes = models.PositiveSmallIntegerField(_("planned minutes"), default=15)
    # What came out of a topic that is not a case (a case's outcome is its Consultation record).
    result = models.TextField(_("result"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=AgendaItemKind.CASE, case__isnull=False)
                | (~Q(kind=AgendaItemKind.CASE) & Q(case__isnull=True)),
                name="agendaitem_case_iff_case_kind",
            ),
        ]

    def __str__(self):
        return self.title


class Consultation(models.Model):
    """Record of a collegial case consultation; read-only once the meeting is closed."""

    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="consultation", verbose_name=_("agenda item")
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("case"))
    question = models.TextField(_("question"))
    resources_seen = models.TextField(_("resources seen"), blank=True)
    ideas = models.TextField(_("ideas collected"), blank=True)
    agreement = models.TextField(_("agreement"), blank=True)
    next_step = models.TextField(_("next step"), blank=True)
    follow_up_on = models.DateField(_("follow-up on"), null=True, blank=True, validators=[plausible_date])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("consultation record")
        verbose_name_plural = _("consultation records")

    def __str__(self):
        return f"{self.case}: {self.question[:40]}"


class ActionItem(models.Model):
    """Who does what by when — agreed in a meeting, followed up until done."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("agenda item"),
    )
    what = models.CharField(_("what"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("who")
    )
    due_on = models.DateField(_("by when"), validators=[plausible_date])
    done_on = models.DateField(_("done on"), null=True, blank=True, validators=[plausible_date])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_on"], name="actionitem_owner_open")]

    def __str__(self):
        return self.what

    @property
    def about_case(self):
        """The case its agenda item discusses, if any: its text is masked like that case."""
        return self.agenda_item.case if self.agenda_item_id and self.agenda_item.case_id else None

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class Correction(models.Model):
    """Closed minutes are not edited; a correction is a new, dated entry."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("correction"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:40]

    @property
    def about_case(self):
        """The case its agenda item discusses, if any: its text is masked like that case."""
        return self.agenda_item.case if self.agenda_item_id and self.agenda_item.case_id else None
