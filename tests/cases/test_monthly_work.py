"""The monthly sums of the work log (MonthlyWork) are exact: the database keeps them in the
transaction of every write, and district_minutes gives the same figures as summing the entries."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.test.utils import CaptureQueriesContext

from cases.constants import ActivityType, WorkKind
from cases.models import Activity, MonthlyWork
from cases.work_minutes import DISTRICT, KIND, MONTH, TEAM, district_minutes
from tests.factories import DistrictFactory, MembershipFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def kept() -> dict:
    return {
        (row.district_id, row.month, row.user_id, row.kind): (row.minutes, row.entries)
        for row in MonthlyWork.objects.all()
    }


def summed() -> dict:
    rows = (
        Activity.objects.annotate(month=TruncMonth("date"))
        .values_list("district_id", "month", "user_id", "kind")
        .annotate(minutes=Sum("minutes"), entries=Count("id"))
        .order_by()
    )
    return {(district, month, user, kind): (minutes, entries) for district, month, user, kind, minutes, entries in rows}


def entry(user, district, day, minutes, kind=WorkKind.NON_CASE) -> Activity:
    activity_type = ActivityType.DISTRICT_WALK if kind == WorkKind.NON_CASE else ActivityType.CASE_CONFERENCE
    return Activity(user=user, district=district, date=day, minutes=minutes, kind=kind, activity_type=activity_type)


def test_the_monthly_sums_follow_every_way_of_writing_the_work_log():
    north, south = DistrictFactory(), DistrictFactory()
    anna, ben = UserFactory(), UserFactory()

    first = entry(anna, north, date(2025, 1, 31), 60)
    first.save()
    assert kept() == summed() == {(north.pk, date(2025, 1, 1), anna.pk, WorkKind.NON_CASE): (60, 1)}

    Activity.objects.bulk_create(
        [
            entry(anna, north, date(2025, 1, 2), 30),
            entry(anna, north, date(2025, 2, 1), 45, WorkKind.CROSS_CASE),
            entry(ben, south, date(2025, 2, 28), 90),
            entry(ben, north, date(2025, 3, 15), 15),
        ]
    )
    assert kept() == summed()
    assert kept()[(north.pk, date(2025, 1, 1), anna.pk, WorkKind.NON_CASE)] == (90, 2)

    first.minutes = 120  # corrected in the form
    first.save()
    assert kept() == summed()

    first.date = date(2025, 3, 1)  # into another month
    first.district = south  # and another district
    first.save()
    assert kept() == summed()

    Activity.objects.filter(user=ben).update(minutes=F("minutes") + 5)  # many at once
    assert kept() == summed()

    Activity.objects.filter(user=anna).update(note="nur die Notiz")  # nothing to sum changes
    assert kept() == summed()

    first.delete()
    assert kept() == summed()
    assert (south.pk, date(2025, 3, 1), anna.pk, WorkKind.NON_CASE) not in kept()  # its last entry: gone

    Activity.objects.filter(district=north).delete()
    assert kept() == summed() == {(south.pk, date(2025, 2, 1), ben.pk, WorkKind.NON_CASE): (95, 1)}

    Activity.objects.all().delete()
    assert not MonthlyWork.objects.exists()


@pytest.fixture
def spread_work():
    """Two districts, three people (one in a team of each district), entries over four months."""
    north, south = DistrictFactory(), DistrictFactory()
    north_team, south_team = TeamFactory(district=north), TeamFactory(district=south)
    anna, ben, carla = UserFactory(), UserFactory(), UserFactory()
    MembershipFactory(user=anna, team=north_team)
    MembershipFactory(user=ben, team=south_team)
    MembershipFactory(user=carla, team=north_team)
    MembershipFactory(user=carla, team=south_team)
    entries = []
    for number, day in enumerate(date(2025, month, day) for month in (1, 2, 3, 4) for day in (1, 2, 14, 15, 27, 28)):
        for person, district, kind in (
            (anna, north, WorkKind.NON_CASE),
            (ben, south, WorkKind.CROSS_CASE),
            (carla, (north, south)[number % 2], (WorkKind.NON_CASE, WorkKind.CROSS_CASE)[number % 3 % 2]),
        ):
            entries.append(entry(person, district, day, 10 + number, kind))
    Activity.objects.bulk_create(entries)
    return [north.pk, south.pk]


def from_entries(district_ids, start, end, *keys) -> dict:
    """The same figures summed from the entries, the slow way the report had."""
    rows = Activity.objects.filter(district__in=district_ids, date__range=(start, end))
    if TEAM in keys:
        rows = rows.filter(user__memberships__team__district=F("district"))
    rows = rows.annotate(month=TruncMonth("date")).values(*keys).annotate(n=Sum("minutes")).order_by()
    return {tuple(row[key] for key in keys): row["n"] for row in rows}


@pytest.mark.parametrize(
    "start, end",
    [
        (date(2025, 1, 1), date(2025, 3, 31)),  # whole months
        (date(2025, 2, 1), date(2025, 2, 28)),  # one month
        (date(2025, 1, 15), date(2025, 3, 14)),  # begun and not ended
        (date(2025, 1, 2), date(2025, 4, 30)),  # begun, whole to the end
        (date(2025, 1, 1), date(2025, 4, 27)),  # whole from the start, not ended
        (date(2025, 2, 2), date(2025, 2, 27)),  # inside one month
        (date(2025, 1, 28), date(2025, 2, 1)),  # across a month's end
        (date(2024, 12, 1), date(2025, 1, 1)),  # a month without work, and one day
    ],
)
@pytest.mark.parametrize("keys", [(DISTRICT, KIND), (MONTH, KIND), (TEAM, KIND), (KIND,)])
def test_district_minutes_equal_the_sum_of_the_entries_for_any_period(spread_work, start, end, keys):
    found = {tuple(row[key] for key in keys): row["n"] for row in district_minutes(spread_work, start, end, *keys)}
    assert found == from_entries(spread_work, start, end, *keys)
    assert found  # every period above has work in it


def test_whole_months_are_read_from_the_monthly_sums_alone(spread_work):
    with CaptureQueriesContext(connection) as year:
        district_minutes(spread_work, date(2025, 1, 1), date(2025, 12, 31), DISTRICT, KIND)
    assert len(year) == 1
    assert "cases_activity" not in year[0]["sql"]
    with CaptureQueriesContext(connection) as begun:
        district_minutes(spread_work, date(2025, 1, 15), date(2025, 12, 31), DISTRICT, KIND)
    assert [("cases_activity" in query["sql"]) for query in begun] == [False, True]
