"""The network coordinator's start page: the next meetings of the networks it coordinates."""

from django.utils import timezone

from meetings.constants import MeetingStatus
from meetings.models import Meeting


def next_network_meetings_context(request) -> dict:
    meetings = (
        Meeting.objects.filter(
            network__coordinator=request.user, date__gte=timezone.localdate(), status=MeetingStatus.PLANNED
        )
        .select_related("network")
        .order_by("date", "start_time")[:8]
    )
    return {"meetings": meetings}
