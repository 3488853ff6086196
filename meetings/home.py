"""The start page's "My action items" section (registered in MeetingsConfig.ready)."""

from meetings.models import ActionItem


def my_action_items_context(request) -> dict:
    return {
        "my_action_items": ActionItem.objects.filter(owner=request.user, done_on__isnull=True)
        .select_related("meeting", "agenda_item__case")
        .prefetch_related("agenda_item__case__persons")  # the text is masked like the case
        .order_by("due_on")[:30]
    }
