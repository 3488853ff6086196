from datetime import date, time

import pytest
from django.urls import reverse

from districts.constants import MembershipRole
from meetings import services
from meetings.constants import MeetingKind, Rhythm
from meetings.models import Meeting, MeetingSeries
from meetings.schedule import holiday_name, series_dates
from sozialraum.roles import Role
from tests.helpers import member


def test_monthly_on_the_nth_and_last_weekday():
    assert series_dates(Rhythm.MONTHLY_NTH_WEEKDAY, date(2026, 1, 1), date(2026, 3, 31), weekday=1, nth=2) == [
        date(2026, 1, 13),
        date(2026, 2, 10),
        date(2026, 3, 10),
    ]
    assert series_dates(Rhythm.MONTHLY_NTH_WEEKDAY, date(2026, 1, 1), date(2026, 2, 28), weekday=4, nth=-1) == [
        date(2026, 1, 30),
        date(2026, 2, 27),
    ]


def test_every_two_weeks_in_even_calendar_weeks_as_ulms_srtl_runde():
    days = series_dates(
        Rhythm.TWO_WEEKLY_ISO_PARITY, date(2017, 1, 1), date(2017, 2, 28), weekday=2, week_parity="even"
    )
    assert days == [date(2017, 1, 11), date(2017, 1, 25), date(2017, 2, 8), date(2017, 2, 22)]
    assert all(day.isocalendar().week % 2 == 0 for day in days)


def test_odd_weeks_across_a_year_with_53_weeks():
    days = series_dates(
        Rhythm.TWO_WEEKLY_ISO_PARITY, date(2026, 12, 1), date(2027, 1, 31), weekday=3, week_parity="odd"
    )
    assert [day.isocalendar().week for day in days] == [49, 51, 53, 1, 3]  # 2026 has 53 ISO weeks


def test_every_four_weeks_and_given_dates():
    assert series_dates(Rhythm.EVERY_FOUR_WEEKS, date(2026, 1, 5), date(2026, 3, 31), weekday=2) == [
        date(2026, 1, 7),
        date(2026, 2, 4),
        date(2026, 3, 4),
    ]
    given = [date(2026, 7, 1), date(2026, 1, 14), date(2030, 1, 1)]
    assert series_dates(Rhythm.GIVEN_DATES, date(2026, 1, 1), date(2026, 12, 31), given_dates=given) == [
        date(2026, 1, 14),
        date(2026, 7, 1),
    ]


def test_holidays_depend_on_the_state():
    assert holiday_name("BW", date(2026, 1, 6)) == "Heilige Drei Könige"
    assert holiday_name("NW", date(2026, 1, 6)) == ""
    assert holiday_name("NW", date(2026, 6, 4)) == "Fronleichnam"


def test_ten_years_are_generated_once_and_flag_holidays(styrum):
    series = MeetingSeries.objects.create(
        team=styrum,
        name="SRTL",
        kind=MeetingKind.SRTL_RUNDE,
        rhythm=Rhythm.TWO_WEEKLY_ISO_PARITY,
        weekday=2,
        week_parity="even",
        start_date=date(2026, 1, 1),
        end_date=date(2035, 12, 31),
        start_time=time(10),
        end_time=time(12, 30),
    )
    created = services.generate_meetings(series)
    assert created == len(
        series_dates(series.rhythm, series.start_date, series.end_date, weekday=2, week_parity="even")
    )
    assert created > 250
    assert services.generate_meetings(series) == 0
    assert Meeting.objects.filter(series=series).count() == created
    # 2026-12-30 is no holiday, but Christmas Day 2030 is a Wednesday in an even week? Check the flag itself:
    flagged = Meeting.objects.filter(series=series).exclude(holiday="")
    assert flagged.exists()
    assert all(holiday_name("NW", meeting.date) == meeting.holiday for meeting in flagged)


def test_a_holiday_meeting_can_be_moved(client, series, styrum_lead):
    meeting = series.meetings.first()
    client.force_login(styrum_lead)
    response = client.post(
        reverse("meetings:meeting_move", args=[meeting.pk]),
        {
            "date": "2026-12-16",
            "start_time": "09:00",
            "end_time": "11:00",
            "place": "Rathaus",
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.date == date(2026, 12, 16) and meeting.scheduled_on != meeting.date


def series_data(styrum, **changes):
    data = {
        "team": styrum.pk,
        "name": "Sozialraumteam",
        "kind": "sozialraumteam",
        "rhythm": "monthly",
        "weekday": "1",
        "nth": "2",
        "start_date": "2027-01-01",
        "end_date": "2027-12-31",
        "start_time": "09:00",
        "end_time": "11:00",
        "place": "Raum 7",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"rhythm": "dates", "given_dates": "01.02.2030"},
            "Dieser Rhythmus ergibt zwischen dem ersten und dem letzten Tag keinen Termin.",
        ),
        ({"end_date": "2026-06-01"}, "Der letzte Tag liegt vor dem ersten Tag."),
        ({"end_time": "08:00"}, "Die Sitzung muss nach ihrem Beginn enden."),
        ({"nth": None}, "der wievielte Wochentag im Monat"),
        ({"rhythm": "two_weekly", "week_parity": ""}, "ob gerade oder ungerade Kalenderwochen"),
        ({"rhythm": "dates", "given_dates": "31.02.2027"}, "„31.02.2027“ ist kein Datum"),
        ({"end_date": "2040-01-01"}, "Eine Reihe kann höchstens 10 Jahre laufen."),
        ({"team": None}, "Bitte entweder ein Team oder ein Netzwerk wählen."),
    ],
)
def test_bad_series_input_gets_german_messages(client, styrum, styrum_lead, changes, message):
    client.force_login(styrum_lead)
    response = client.post(reverse("meetings:series_add"), series_data(styrum, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MeetingSeries.objects.exists()


def test_overlapping_meeting_in_the_same_room_is_refused(client, series, styrum, styrum_lead):
    client.force_login(styrum_lead)
    taken = series.meetings.order_by("date").last()
    data = series_data(
        styrum,
        rhythm="dates",
        given_dates=taken.date.strftime("%d.%m.%Y"),
        place="sozialagentur, raum 1",
        start_date=taken.date.isoformat(),
        end_date=taken.date.isoformat(),
        start_time="10:00",
        end_time="12:00",
    )
    response = client.post(reverse("meetings:series_add"), data)
    assert "Der Raum ist zur selben Zeit belegt" in response.content.decode()
    assert MeetingSeries.objects.count() == 1


def test_committee_weekday_is_the_default_for_ulm(client, reference_data):
    from districts.models import District
    from tests.factories import TeamFactory
    from tests.helpers import member

    team = TeamFactory(district=District.objects.get(slug="wiblingen"))
    lead = member(team, "leitung-ulm", "Kommunaler Sozialer Dienst", team_role=MembershipRole.LEAD)
    client.force_login(lead)
    html = client.get(reverse("meetings:series_add")).content.decode()
    assert '<option value="2" selected>Mittwoch</option>' in html


def test_a_room_clash_never_names_another_teams_meeting(client, series, styrum_lead, outsider):
    """Finding 5 of issue 11: the message named the other team's meeting to someone who gets 404 for it."""
    taken = series.meetings.order_by("date").last()
    other_team = outsider.memberships.get().team
    lead_elsewhere = member(
        other_team, "leitung-wiblingen", "Kommunaler Sozialer Dienst", role=Role.TEAM_LEAD, team_role="lead"
    )
    client.force_login(lead_elsewhere)
    data = series_data(
        other_team,
        rhythm="dates",
        given_dates=taken.date.strftime("%d.%m.%Y"),
        place="Sozialagentur, Raum 1",
        start_date=taken.date.isoformat(),
        end_date=taken.date.isoformat(),
        start_time="10:00",
        end_time="12:00",
    )
    html = client.post(reverse("meetings:series_add"), data).content.decode()
    assert "Der Raum ist zur selben Zeit belegt" in html
    assert series.name not in html and taken.title not in html
