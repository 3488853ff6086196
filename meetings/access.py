from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404

from districts.models import Team
from meetings.models import Meeting
from networks.models import Network


def coordinated_networks(user):
    return Network.objects.filter(coordinator=user)


def may_manage(user, meeting) -> bool:
    """Team lead or deputy of the meeting's team, or the coordinator of its network."""
    if meeting.team_id:
        return Team.objects.led_by(user).filter(pk=meeting.team_id).exists()
    return meeting.network.coordinator_id == user.pk


def visible_meeting(user, pk: int, *, manage: bool = False) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.visible_to(user).select_related(
            "team__district__municipality", "network__municipality", "series", "closed_by"
        ),
        pk=pk,
    )
    if manage and not may_manage(user, meeting):
        raise Http404
    return meeting


def participants(meeting):
    """Who can be present, own an action item or present an item."""
    users = get_user_model().objects.order_by("last_name", "first_name")
    if meeting.team_id:
        return users.filter(memberships__team=meeting.team_id)
    return users.filter(pk=meeting.network.coordinator_id)
