"""The follow-ups meetings ask for (registered into cases.follow_ups in MeetingsConfig.ready):
the follow-up date of a consultation record and the due date of an action item."""

from django.urls import reverse
from django.utils.translation import gettext as _

from cases.constants import CaseStatus
from cases.follow_ups import Due, Source, only
from cases.models import FollowUp, FollowUpSource
from meetings.models import ActionItem, Consultation
from sozialraum.formats import format_date


def consultation_follow_ups(ids):
    """Wiedervorlage of a consultation: for the case's responsible caseworker."""
    records = only(Consultation.objects, ids).filter(follow_up_on__isnull=False, case__status=CaseStatus.OPEN)
    for pk, day, case_id, owner_id in records.values_list("pk", "follow_up_on", "case_id", "case__caseworker_id"):
        yield Due(pk, day, owner_id, case_id=case_id)


def action_items_due(ids):
    """An open action item: for its owner, on its due date; tied to the case it discusses."""
    items = only(ActionItem.objects, ids).filter(done_on__isnull=True)
    rows = items.values_list("pk", "due_on", "owner_id", "agenda_item__case_id", "meeting__network_id")
    for pk, day, owner_id, case_id, network_id in rows:
        yield Due(pk, day, owner_id, case_id=case_id, network_id=network_id)


def consultation_url(follow_up: FollowUp) -> str:
    meeting_id = Consultation.objects.filter(pk=follow_up.source_id).values_list("agenda_item__meeting", flat=True)
    return meeting_url(meeting_id.first(), follow_up)


def action_item_url(follow_up: FollowUp) -> str:
    meeting_id = ActionItem.objects.filter(pk=follow_up.source_id).values_list("meeting", flat=True).first()
    return meeting_url(meeting_id, follow_up)


def meeting_url(meeting_id: int | None, follow_up: FollowUp) -> str:
    if meeting_id is None:  # the record is gone (the follow-up was settled then)
        return follow_up.case.get_absolute_url() if follow_up.case_id else ""
    return reverse("meetings:meeting_detail", args=[meeting_id])


def complete_action_item(user, action_item_id: int) -> None:
    from meetings.services import mark_done  # services import the follow-ups

    action_item = ActionItem.objects.filter(pk=action_item_id).first()
    if action_item is not None:
        mark_done(user, action_item)


def consultation_meetings(ids):
    records = Consultation.objects.filter(pk__in=ids).values_list(
        "pk", "agenda_item__meeting__title", "agenda_item__meeting__date"
    )
    return {
        pk: _("agreed in %(meeting)s on %(day)s") % {"meeting": title, "day": format_date(day)}
        for pk, title, day in records
    }


def action_item_texts(ids):
    return dict(ActionItem.objects.filter(pk__in=ids).values_list("pk", "what"))


CONSULTATIONS = Source(FollowUpSource.CONSULTATION, consultation_follow_ups, consultation_url, consultation_meetings)
ACTION_ITEMS = Source(
    FollowUpSource.ACTION_ITEM, action_items_due, action_item_url, action_item_texts, complete_action_item
)
