"""What the meetings app adds to a case (registered into cases.hooks in MeetingsConfig.ready):
the consultation entries of its timeline, the proposal notes and button on its page, its part
of the Art. 15 export and of the erasure after the retention period."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cases.hooks import CaseAction, SubjectAccessSection
from cases.retention import ERASED
from cases.subject_access import date_text
from cases.timeline import TimelineEntry, end_of
from meetings.constants import ProposalStatus
from meetings.models import ActionItem, AgendaItem, CaseProposal, Consultation, Correction
from meetings.services import next_team_meeting
from sozialraum.hooks import Panel

PROPOSE = CaseAction(_("Propose for collegial consultation"), "meetings:propose_case")


def proposals_panel_context(case, request) -> dict:
    """Open proposals of the case, for those with full access."""
    if not case.full_access:
        return {"proposals": []}
    proposals = list(
        case.proposals.select_related("proposed_by")
        .filter(status__in=[ProposalStatus.PROPOSED, ProposalStatus.ON_AGENDA])
        .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("meeting")))
    )
    # Which meeting each goes to: the one whose agenda holds it, else the team's next one.
    upcoming = next_team_meeting(case.team_id) if any(not p.agenda_items.all() for p in proposals) else None
    for proposal in proposals:
        items = sorted(proposal.agenda_items.all(), key=lambda item: item.meeting.date)
        proposal.meeting = items[-1].meeting if items else upcoming
        proposal.on_agenda = bool(items)
    return {"case": case, "proposals": proposals}


PROPOSALS_PANEL = Panel("meetings/case/proposals_panel.html", proposals_panel_context)


TIMELINE_TEMPLATE = "meetings/case/timeline_entry.html"


def consultation_entries(case, limit: int) -> list[TimelineEntry]:
    records = (
        Consultation.objects.filter(case=case).select_related("agenda_item__meeting").order_by("-created_at")[:limit]
    )
    return [
        TimelineEntry(
            end_of(record.agenda_item.meeting.date), template="meetings/case/timeline_entry.html", item=record
        )
        for record in records
    ]


def subject_access_consultations(case) -> list[SubjectAccessSection]:
    return [
        SubjectAccessSection(
            "fallberatungen",
            _("Collegial case consultations"),
            {
                "sitzung": _("meeting"),
                "fragestellung": _("question"),
                "vereinbarung": _("agreement"),
            },
            [
                {
                    "sitzung": date_text(record.agenda_item.meeting.date),
                    "fragestellung": record.question,
                    "vereinbarung": record.agreement,
                }
                for record in Consultation.objects.filter(case=case).select_related("agenda_item__meeting")
            ],
        )
    ]


def erase_meeting_texts(case_ids: list[int]) -> None:
    Consultation.objects.filter(case__in=case_ids).update(
        question=ERASED, resources_seen="", ideas="", agreement="", next_step=""
    )
    CaseProposal.objects.filter(case__in=case_ids).update(question=ERASED, withdrawn_reason="")
    AgendaItem.objects.filter(case__in=case_ids).update(title=ERASED)
    ActionItem.objects.filter(agenda_item__case__in=case_ids).update(what=ERASED)
    Correction.objects.filter(agenda_item__case__in=case_ids).update(text=ERASED)


def move_action_items(case_id: int, previous_id: int, new_id: int) -> None:
    """Open action items about the case that the previous caseworker owned go to the new one."""
    ActionItem.objects.filter(agenda_item__case=case_id, owner=previous_id, done_on__isnull=True).update(owner=new_id)
