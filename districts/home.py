"""The start page's "My teams" section (registered in DistrictsConfig.ready)."""

from django.urls import reverse

from districts.hooks import team_links
from districts.models import Membership


def my_teams_context(request) -> dict:
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("team__district__municipality", "service_area__legal_area")
        .order_by("team__district__name", "team__name")
    )
    for membership in memberships:
        membership.links = [
            (link.label, reverse(link.url_name, args=[membership.team_id]))
            for link in team_links
            if membership.is_leading or not link.leading_only
        ]
    return {"memberships": memberships}
