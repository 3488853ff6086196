"""Changes to series and meetings; each function is one transaction with its audit entry, and
the rules (closed minutes are read-only, corrections only after closing) are checked here."""

from collections.abc import Iterable
from datetime import date, time

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import follow_ups
from cases.constants import ConsentScope
from cases.models import Case, Consent, FollowUp, FollowUpSource
from cases.pseudonym import CaseDisplay, display_cases
from districts.models import Municipality, Team
from meetings.constants import AgendaItemKind, MeetingStatus, ProposalStatus
from meetings.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    CaseProposal,
    Consultation,
    Correction,
    Meeting,
    MeetingSeries,
)
from meetings.schedule import holiday_name, series_dates
from networks.models import Network, Partner
from sozialraum import audit
from sozialraum.models import AuditAction
from sozialraum.types import Staff
from sozialraum.versioning import save_versioned


class MeetingClosed(Exception):
    """Closed minutes are read-only; corrections are new entries."""


class MeetingOpen(Exception):
    """Corrections are for closed minutes only."""


def rule_dates(series: MeetingSeries) -> list[date]:
    return series_dates(
        series.rhythm,
        series.start_date,
        series.end_date,
        weekday=series.weekday,
        nth=series.nth,
        week_parity=series.week_parity,
        given_dates=series.given_dates,
    )


def overlapping(
    place: str,
    day: date,
    start_time: time,
    end_time: time,
    exclude_ids: Iterable[int] = (),
    exclude_series: MeetingSeries | None = None,
) -> QuerySet[Meeting]:
    """Other meetings in the same room at an overlapping time."""
    if not place.strip():
        return Meeting.objects.none()
    clashes = (
        Meeting.objects.filter(place__iexact=place.strip(), date=day, start_time__lt=end_time, end_time__gt=start_time)
        .exclude(status=MeetingStatus.CANCELLED)
        .exclude(pk__in=exclude_ids)
    )
    if exclude_series is not None:
        clashes = clashes.exclude(series=exclude_series)
    return clashes


@transaction.atomic
def generate_meetings(series: MeetingSeries) -> int:
    """Create the series' meetings that do not exist yet; returns how many were new. Idempotent."""
    state = series.municipality.state
    owner = {"team": series.team, "network": series.network}
    candidates = [
        Meeting(
            series=series,
            **owner,
            title=series.name,
            kind=series.kind,
            scheduled_on=day,
            date=day,
            start_time=series.start_time,
            end_time=series.end_time,
            place=series.place,
            holiday=holiday_name(state, day),
        )
        for day in rule_dates(series)
    ]
    before = series.meetings.count()
    Meeting.objects.bulk_create(candidates, ignore_conflicts=True, batch_size=1000)
    return series.meetings.count() - before


@transaction.atomic
def move_meeting(meeting: Meeting, day: date, start_time: time, end_time: time, place: str) -> Meeting:
    state = municipality_of(meeting).state
    meeting.date, meeting.start_time, meeting.end_time, meeting.place = day, start_time, end_time, place
    meeting.holiday = holiday_name(state, day)
    meeting.sequence += 1  # calendar programs replace their copy only for a higher sequence
    meeting.save(update_fields=["date", "start_time", "end_time", "place", "holiday", "sequence", "updated_at"])
    return meeting


@transaction.atomic
def cancel_meeting(user: Staff, meeting: Meeting, reason: str) -> Meeting:
    """Called off: it stays in the calendar as cancelled (feeds send STATUS:CANCELLED), with its reason."""
    ensure_open(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        return meeting
    meeting.status, meeting.cancelled_reason = MeetingStatus.CANCELLED, reason[:300]
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancelled_reason", "sequence", "updated_at"])
    audit.log(user, AuditAction.UPDATE, meeting, changed_fields=["status"])
    if meeting.team_id:  # its cases go back to the proposals, to be put on another agenda
        proposals = meeting.agenda_items.filter(proposal__isnull=False).values("proposal")
        CaseProposal.objects.filter(pk__in=proposals, status=ProposalStatus.ON_AGENDA).update(
            status=ProposalStatus.PROPOSED
        )
    return meeting


def municipality_of(meeting: Meeting) -> Municipality:
    """A meeting belongs to a team or to a network (constraint meeting_team_or_network)."""
    if meeting.team is not None:
        return meeting.team.district.municipality
    assert meeting.network is not None
    return meeting.network.municipality


def ensure_open(meeting: Meeting) -> None:
    if meeting.is_closed:
        raise MeetingClosed(_("The meeting is closed; its minutes can no longer be changed. Add a correction instead."))


@transaction.atomic
def propose_case(user: Staff, case: Case, question: str) -> CaseProposal:
    proposal = CaseProposal.objects.create(case=case, team=case.team, question=question, proposed_by=user)
    audit.log(user, AuditAction.CREATE, proposal, case_id=case.pk)
    return proposal


def lock_agenda(meeting: Meeting) -> None:
    """Changes to one agenda wait for each other: two additions at once get two positions."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()


def next_position(meeting: Meeting) -> int:
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


@transaction.atomic
def put_on_agenda(meeting: Meeting, proposal: CaseProposal) -> AgendaItem:
    """A proposal goes on an agenda once; putting it there again returns the item it has."""
    ensure_open(meeting)
    lock_agenda(meeting)
    proposal = CaseProposal.objects.select_for_update().get(pk=proposal.pk)
    # (an item on a closed or cancelled meeting does not count: the case may come up again)
    existing = AgendaItem.objects.filter(proposal=proposal, meeting__status=MeetingStatus.PLANNED).first()
    if existing is not None:
        return existing
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=next_position(meeting),
        kind=AgendaItemKind.CASE,
        title=_("Collegial case consultation"),
        case=proposal.case,
        proposal=proposal,
        presenter=proposal.proposed_by,
        planned_minutes=30,
    )
    CaseProposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.ON_AGENDA)
    return item


@transaction.atomic
def add_topic(meeting: Meeting, kind: str, title: str, presenter: Staff | None, minutes: int) -> AgendaItem:
    ensure_open(meeting)
    lock_agenda(meeting)
    return AgendaItem.objects.create(
        meeting=meeting,
        position=next_position(meeting),
        kind=kind,
        title=title,
        presenter=presenter,
        planned_minutes=minutes,
    )


@transaction.atomic
def move_item(item: AgendaItem, direction: int) -> None:
    """Swap the item with its neighbour above (−1) or below (+1)."""
    ensure_open(item.meeting)
    lock_agenda(item.meeting)
    items = list(item.meeting.agenda_items.order_by("position", "id"))
    index = next(number for number, other in enumerate(items) if other.pk == item.pk)
    target = index + direction
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items):
        other.position = position
    AgendaItem.objects.bulk_update(items, ["position"])


@transaction.atomic
def remove_item(item: AgendaItem) -> None:
    ensure_open(item.meeting)
    if item.proposal_id:
        CaseProposal.objects.filter(pk=item.proposal_id).update(status=ProposalStatus.PROPOSED)
    item.delete()


@transaction.atomic
def update_agenda_item(
    user: Staff, item: AgendaItem, presenter: Staff | None, planned_minutes: int, seen_version: int
) -> AgendaItem:
    """Presenter and planned minutes of one item; the agenda of a closed meeting stays as it was."""
    ensure_open(item.meeting)
    values = {"presenter": presenter, "planned_minutes": planned_minutes}
    return save_versioned(user, item, values, seen_version, item.case_id)


@transaction.atomic
def set_attendance(user: Staff, meeting: Meeting, present: Iterable[Staff]) -> None:
    """The team members present; guests are kept (they are added and removed one by one)."""
    ensure_open(meeting)
    lock_agenda(meeting)  # two saves at once: the second sees what the first stored
    present_ids = {member.pk for member in present}
    members = meeting.attendances.filter(user__isnull=False)
    before = set(members.values_list("user_id", flat=True))
    members.exclude(user__in=present_ids).delete()
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, user_id=member_id) for member_id in present_ids - before], ignore_conflicts=True
    )
    if before != present_ids:
        audit.log(user, AuditAction.UPDATE, meeting, changed_fields=["attendances"])


@transaction.atomic
def add_guest(user: Staff, meeting: Meeting, name: str, partner: Partner | None = None) -> Attendance:
    """A guest makes the whole meeting pseudonymised (DESIGN §4 rule 2)."""
    ensure_open(meeting)
    guest = Attendance.objects.create(meeting=meeting, guest_name=name, guest_partner=partner)
    audit.log(user, AuditAction.CREATE, guest)
    return guest


@transaction.atomic
def remove_guest(user: Staff, meeting: Meeting, attendance_id: int | None) -> None:
    ensure_open(meeting)
    if attendance_id is None:
        return
    guest = meeting.attendances.filter(pk=attendance_id, user__isnull=True).first()
    if guest is not None:
        audit.log(user, AuditAction.DELETE, guest)
        guest.delete()


@transaction.atomic
def add_correction(user: Staff, meeting: Meeting, correction: Correction) -> Correction:
    """Closed minutes are never edited; a correction is a new, dated entry by its author."""
    if not meeting.is_closed:
        raise MeetingOpen(_("The meeting is still open; change the minutes themselves."))
    correction.meeting, correction.author = meeting, user
    correction.save()
    case_id = correction.agenda_item.case_id if correction.agenda_item is not None else None
    audit.log(user, AuditAction.CREATE, correction, case_id=case_id)
    return correction


@transaction.atomic
def mark_done(user: Staff, action_item: ActionItem) -> bool:
    """Tick an action item off once; returns False if it was already done."""
    updated = ActionItem.objects.filter(pk=action_item.pk, done_on__isnull=True).update(done_on=timezone.localdate())
    if updated:
        audit.log(user, AuditAction.UPDATE, action_item, changed_fields=["done_on"])
        follow_ups.refresh(FollowUpSource.ACTION_ITEM, [action_item.pk])
    return bool(updated)


class Carry:
    """What becomes of a case on the agenda that was not consulted when the meeting closes."""

    NEXT_MEETING = "next"
    WITHDRAW = "withdraw"


class UndecidedCases(Exception):
    """Closing would drop cases that were on the agenda but not consulted: say what becomes of each."""

    def __init__(self, items: list[AgendaItem]) -> None:
        self.items = items
        super().__init__(_("Decide for each case that was not consulted what becomes of it."))


def unconsulted_cases(meeting: Meeting) -> list[AgendaItem]:
    return list(
        meeting.agenda_items.filter(kind=AgendaItemKind.CASE, consultation__isnull=True)
        .select_related("case", "proposal", "presenter")
        .order_by("position", "id")
    )


def next_team_meeting(team_id: int) -> Meeting | None:
    """The team's next planned meeting from today: where a new proposal can go."""
    return (
        Meeting.objects.filter(
            team=team_id, network__isnull=True, status=MeetingStatus.PLANNED, date__gte=timezone.localdate()
        )
        .order_by("date", "start_time")
        .first()
    )


def following_meeting(meeting: Meeting) -> Meeting | None:
    """The next planned meeting of the same team or network (of the same series, if any)."""
    later = Meeting.objects.filter(
        team=meeting.team_id, network=meeting.network_id, status=MeetingStatus.PLANNED, date__gt=meeting.date
    ).order_by("date", "start_time")
    if meeting.series_id:
        in_series = later.filter(series=meeting.series_id).first()
        if in_series is not None:
            return in_series
    return later.first()


def carry_forward(user: Staff, item: AgendaItem, target: Meeting | None) -> None:
    """Onto the next meeting's agenda; without one, back to the proposals, to be put on any agenda."""
    if target is None:
        if item.proposal_id:
            CaseProposal.objects.filter(pk=item.proposal_id).update(status=ProposalStatus.PROPOSED)
        audit.log(user, AuditAction.UPDATE, item, case_id=item.case_id, details={"carried": "proposals"})
        return
    lock_agenda(target)
    AgendaItem.objects.create(
        meeting=target,
        position=next_position(target),
        kind=AgendaItemKind.CASE,
        title=item.title,
        case=item.case,
        proposal=item.proposal,
        presenter=item.presenter,
        planned_minutes=item.planned_minutes,
    )
    audit.log(user, AuditAction.UPDATE, item, case_id=item.case_id, details={"carried_to_meeting": target.pk})


def withdraw(user: Staff, item: AgendaItem, reason: str) -> None:
    if item.proposal_id:
        CaseProposal.objects.filter(pk=item.proposal_id).update(
            status=ProposalStatus.WITHDRAWN, withdrawn_reason=reason[:300]
        )
    audit.log(user, AuditAction.UPDATE, item, case_id=item.case_id, details={"withdrawn": True})


@transaction.atomic
def close_meeting(user: Staff, meeting: Meeting, decisions: dict[int, tuple[str, str]] | None = None) -> Meeting:
    """Close the minutes. Each case on the agenda without a consultation record needs a decision
    (item id -> (Carry.NEXT_MEETING | Carry.WITHDRAW, reason)): nothing disappears silently."""
    ensure_open(meeting)
    lock_agenda(meeting)
    decisions = decisions or {}
    open_items = unconsulted_cases(meeting)
    undecided = [
        item
        for item in open_items
        if item.pk not in decisions
        or decisions[item.pk][0] not in (Carry.NEXT_MEETING, Carry.WITHDRAW)
        or (decisions[item.pk][0] == Carry.WITHDRAW and not decisions[item.pk][1].strip())
    ]
    if undecided:
        raise UndecidedCases(open_items)
    target = following_meeting(meeting) if open_items else None
    for item in open_items:
        choice, reason = decisions[item.pk]
        if choice == Carry.NEXT_MEETING:
            carry_forward(user, item, target)
        else:
            withdraw(user, item, reason.strip())
    consulted = meeting.agenda_items.filter(consultation__isnull=False, proposal__isnull=False)
    CaseProposal.objects.filter(agenda_items__in=consulted).update(status=ProposalStatus.CONSULTED)
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CLOSED, closed_at=timezone.now(), closed_by=user)
    meeting.refresh_from_db()
    audit.log(user, AuditAction.UPDATE, meeting, changed_fields=["status"])
    return meeting


@transaction.atomic
def save_consultation(
    user: Staff, item: AgendaItem, consultation: Consultation, values: dict, seen_version: int = 0
) -> Consultation:
    """The first save records the consultation; later saves change it unless someone else saved in between."""
    ensure_open(item.meeting)
    if item.case is None:
        raise ValueError("Only case consultations have a record.")
    # One record per item: of two first saves at once, the second waits here and becomes an edit.
    AgendaItem.objects.select_for_update().get(pk=item.pk)
    existing = Consultation.objects.filter(agenda_item=item).first()
    if existing is not None:
        saved = save_versioned(user, existing, values, seen_version if consultation.pk else 0, item.case_id)
    else:
        for name, value in values.items():
            setattr(consultation, name, value)
        consultation.agenda_item, consultation.case, consultation.recorded_by = item, item.case, user
        consultation.save()
        audit.log(user, AuditAction.CREATE, consultation, case_id=item.case_id)
        saved = consultation
    follow_ups.refresh(FollowUpSource.CONSULTATION, [saved.pk])
    return saved


@transaction.atomic
def add_action_item(meeting: Meeting, action_item: ActionItem) -> ActionItem:
    ensure_open(meeting)
    action_item.meeting = meeting
    action_item.save()
    follow_ups.refresh(FollowUpSource.ACTION_ITEM, [action_item.pk])
    return action_item


def case_labels(meeting: Meeting, cases: Iterable[Case]) -> dict[int, CaseDisplay]:
    """How the meeting's cases appear in its agenda, records, pack, minutes and mail (DESIGN §4
    rule 2): named only where an active consent covers the team and no guest is present. Each
    case object is marked (`shown_named`), so free text about it is masked alike."""
    cases = list(cases)
    guests_present = meeting.attendances.filter(user__isnull=True).exists()
    consented: set[int] = set()
    if meeting.team_id and not guests_present:
        consented = set(
            Consent.objects.active()
            .filter(case__in=[case.pk for case in cases], scope=ConsentScope.TEAM, team=meeting.team_id)
            .values_list("case_id", flat=True)
        )
    for case in cases:
        setattr(case, "shown_named", case.pk in consented)  # noqa: B010  (read by cases.pseudonym)
    return display_cases(cases, named_ids=consented)


def agenda_recipients(meeting: Meeting) -> list[str]:
    if meeting.team is not None:
        users = [membership.user for membership in meeting.team.memberships.select_related("user")]
    else:
        assert meeting.network is not None
        users = [meeting.network.coordinator] if meeting.network.coordinator else []
    return sorted({user.email for user in users if user and user.email})


def agenda_mail_body(context: dict) -> str:
    """The agenda mail: reference numbers and pseudonyms only, never a name (mail leaves the
    app), with a link to the meeting page, where consented names are shown to who may see them."""
    return render_to_string("meetings/agenda_mail.txt", context)


@transaction.atomic
def send_agenda(user: Staff, meeting: Meeting, context: dict) -> int:
    recipients = agenda_recipients(meeting)
    if not recipients:
        return 0
    subject = _("Agenda: %(meeting)s") % {"meeting": meeting}
    send_mail(subject, agenda_mail_body(context), None, recipients)
    Meeting.objects.filter(pk=meeting.pk).update(agenda_sent_at=timezone.now())
    audit.log(user, AuditAction.SEND, meeting, details={"recipients": len(recipients)})
    return len(recipients)


def due_consultation_follow_ups(meeting: Meeting) -> QuerySet[Consultation]:
    """Consultations of the team's earlier meetings whose follow-up date has come by this
    meeting and whose follow-up is still open: they come back to the team."""
    still_open = FollowUp.objects.open().filter(source=FollowUpSource.CONSULTATION, source_id=OuterRef("pk"))
    return (
        Consultation.objects.filter(
            agenda_item__meeting__team=meeting.team_id,
            agenda_item__meeting__date__lt=meeting.date,
            follow_up_on__lte=meeting.date,
        )
        .filter(Exists(still_open))
        .select_related("case", "agenda_item__meeting")
        .prefetch_related("case__persons")
        .order_by("follow_up_on", "id")
    )


def open_action_items_of(team: Team | None = None, network: Network | None = None) -> QuerySet[ActionItem]:
    owner = Q(meeting__team=team) if team is not None else Q(meeting__network=network)
    return ActionItem.objects.filter(owner, done_on__isnull=True).select_related("owner", "meeting")
