"""The start page's "My teams" section (registered in DistrictsConfig.ready)."""

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from districts.hooks import team_links
from districts.models import IndicatorValue, Membership
from sozialraum.db_backend.base import prepared_statements
from sozialraum.precompiled import Param, Precompiled

# (on every start page: compiled once per process)
MY_MEMBERSHIPS = Precompiled(
    lambda: (
        Membership.objects.filter(user=Param("user"))
        .select_related("team__district__municipality", "service_area__legal_area")
        .order_by("team__district__name", "team__name")
    )
)


def my_teams_context(request) -> dict:
    with prepared_statements():  # (the user's own few rows: one plan for every user)
        memberships = MY_MEMBERSHIPS.fetch(user=request.user.pk)
    for membership in memberships:
        membership.links = [
            (link.label, reverse(link.url_name, args=[membership.team_id]))
            for link in team_links
            if membership.is_leading or not link.leading_only
        ]
    return {"memberships": memberships}


def outdated_indicators_context(request) -> dict:
    """For social planning: the indicators whose newest value is oldest ("veraltet" after three years)."""
    newest = (
        IndicatorValue.objects.values("municipality__name", "indicator__name")
        .annotate(year=Max("reference_year"))
        .order_by("year", "municipality__name", "indicator__name")[:8]
    )
    limit = timezone.localdate().year - 3
    return {"indicators": [{**row, "outdated": (row["year"] or 0) < limit} for row in newest]}
