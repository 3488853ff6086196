"""What a meeting shows — on its page, in the meeting pack, in the minutes and in the agenda
mail — from one context, and the PDFs rendered from it."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
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
    )


def meeting_context(meeting, user=None, *, for_document=False):
    """Everything the meeting page, the meeting pack and the minutes show (the same partials)."""
    items = list(agenda_of(meeting))
    cases = [item.case for item in items if item.case_id]
    labels = services.case_labels(meeting, cases)
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
    context = {
        "meeting": meeting,
        "items": items,
        "planned_minutes": planned,
        "too_long": planned > meeting.length_minutes,
        "earlier_action_items": list(earlier_items),
        "action_items": list(meeting.action_items.select_related("owner", "agenda_item")),
        "attendances": attendances,
        "guests": [attendance for attendance in attendances if attendance.is_guest],
        "corrections": list(meeting.corrections.select_related("author", "agenda_item")),
        "today": timezone.localdate(),
        "for_document": for_document,
        "members": list(participants(meeting)),
        "move_actions": [("up", _("Move up")), ("down", _("Move down")), ("remove", _("Remove"))],
    }
    return context


def render_pdf(template_name: str, context: dict, base_url: str) -> bytes:
    """A4 PDF from the same partials as the pages (WeasyPrint)."""
    from weasyprint import HTML

    return HTML(string=render_to_string(template_name, context), base_url=base_url).write_pdf()
