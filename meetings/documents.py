"""What a meeting shows — on its page, in the meeting pack, in the minutes and in the agenda
mail — from one context, and the PDFs rendered from it."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings import services
from meetings.access import participants
from meetings.models import ActionItem


def agenda_of(meeting):
    return meeting.agenda_items.select_related(
        "case__team__district", "presenter", "proposal", "consultation"
    ).prefetch_related(
        Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
        "case__goals",
        "case__resources",
        "case__persons",
    )


def meeting_context(meeting, user=None, *, for_document=False):
    """Everything the meeting page, the meeting pack and the minutes show (the same partials)."""
    items = list(agenda_of(meeting))
    cases = [item.case for item in items if item.case_id]
    labels = services.case_labels(meeting, cases)
    named_case_ids = {case_id for case_id, label in labels.items() if label.is_named}
    for item in items:
        item.case_label = labels.get(item.case_id)
        # The reverse one-to-one raises when there is no record; templates get None instead.
        item.record = getattr(item, "consultation", None)
    planned = sum(item.planned_minutes for item in items)
    earlier_items = (
        (
            services.open_action_items_of(team=meeting.team)
            if meeting.team_id
            else services.open_action_items_of(network=meeting.network)
        )
        .exclude(meeting=meeting)
        .filter(meeting__date__lt=meeting.date)
    )
    attendances = list(meeting.attendances.select_related("user", "guest_partner"))
    earlier_follow_ups = list(services.due_consultation_follow_ups(meeting)) if meeting.team_id else []
    if earlier_follow_ups:
        follow_up_labels = services.case_labels(meeting, [record.case for record in earlier_follow_ups])
        for record in earlier_follow_ups:
            record.case_label = follow_up_labels[record.case_id]
    context = {
        "meeting": meeting,
        "items": items,
        "planned_minutes": planned,
        "too_long": planned > meeting.length_minutes,
        "earlier_action_items": with_cases_marked(earlier_items, set()),
        "earlier_follow_ups": earlier_follow_ups,
        "action_items": with_cases_marked(meeting.action_items.select_related("owner"), named_case_ids),
        "attendances": attendances,
        "guests": [attendance for attendance in attendances if attendance.is_guest],
        "corrections": with_cases_marked(meeting.corrections.select_related("author"), named_case_ids),
        "today": timezone.localdate(),
        "for_document": for_document,
        "members": list(participants(meeting)),
        "move_actions": [("up", _("Move up")), ("down", _("Move down")), ("remove", _("Remove"))],
    }
    return context


def with_cases_marked(rows, named_case_ids: set[int]) -> list:
    """Action items and corrections whose agenda item is a case: their text is masked like the
    case (named only where this meeting names it; items of earlier meetings always masked)."""
    rows = list(rows.select_related("agenda_item__case").prefetch_related("agenda_item__case__persons"))
    for row in rows:
        case = row.agenda_item.case if row.agenda_item_id and row.agenda_item.case_id else None
        if case is not None:
            case.shown_named = case.pk in named_case_ids
    return rows
