"""The calendar feed as calendar programs read it (issue 19): a VTIMEZONE for the TZID, stable
DTSTAMP/LAST-MODIFIED, a SEQUENCE that grows when a meeting moves or is cancelled, cancelled
meetings as STATUS:CANCELLED, 304 for an unchanged feed; read by icalendar and by vobject."""

from datetime import time, timedelta

import vobject
from django.urls import reverse
from icalendar import Calendar

from meetings import services
from meetings.constants import MeetingStatus
from meetings.models import CalendarToken


def feed(client, token, **headers):
    return client.get(reverse("meetings:feed", args=[token.token]), headers=headers)


def events_by_uid(content: bytes) -> dict:
    return {str(event["uid"]): event for event in Calendar.from_ical(content).walk("VEVENT")}


def test_the_feed_is_valid_for_two_parsers_and_describes_its_time_zone(client, series, sgb2_worker):
    token = CalendarToken.objects.create(user=sgb2_worker)
    response = feed(client, token)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    parsed = vobject.readOne(response.content.decode())
    events = parsed.contents["vevent"]
    assert len(events) == series.meetings.count()
    first = min(events, key=lambda event: event.dtstart.value)
    assert first.dtstart.value.tzinfo is not None and first.dtstart.value.hour == 9
    assert all(event.status.value == "CONFIRMED" for event in events)


def test_moving_and_cancelling_raise_the_sequence_and_keep_the_event(client, series, meeting, styrum_lead, sgb2_worker):
    token = CalendarToken.objects.create(user=sgb2_worker)
    uid = f"meeting-{meeting.pk}@sozialraum"
    before = events_by_uid(feed(client, token).content)[uid]
    assert int(before["sequence"]) == 0
    stamp = before["dtstamp"].dt
    assert events_by_uid(feed(client, token).content)[uid]["dtstamp"].dt == stamp  # stable between fetches
    services.move_meeting(meeting, meeting.date + timedelta(days=1), time(10), time(12), "Raum 2")
    moved = events_by_uid(feed(client, token).content)[uid]
    assert int(moved["sequence"]) == 1 and moved["last-modified"].dt >= stamp and str(moved["location"]) == "Raum 2"
    meeting.refresh_from_db()
    services.cancel_meeting(styrum_lead, meeting, "Zu wenige Fälle")
    cancelled = events_by_uid(feed(client, token).content)[uid]
    assert str(cancelled["status"]) == "CANCELLED" and int(cancelled["sequence"]) == 2


def test_an_unchanged_feed_answers_304(client, series, sgb2_worker, meeting):
    token = CalendarToken.objects.create(user=sgb2_worker)
    first = feed(client, token)
    assert first["ETag"] and first["Last-Modified"]
    assert feed(client, token, If_None_Match=first["ETag"]).status_code == 304
    services.move_meeting(meeting, meeting.date, time(8), time(10), meeting.place)
    assert feed(client, token, If_None_Match=first["ETag"]).status_code == 200


def test_cancelling_needs_a_reason_shows_it_and_frees_the_cases(client, meeting, proposal, styrum_lead):
    services.put_on_agenda(meeting, proposal)
    client.force_login(styrum_lead)
    url = reverse("meetings:cancel", args=[meeting.pk])
    client.post(url, {"reason": " "})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    client.post(url, {"reason": "Krankheitswelle"})
    meeting.refresh_from_db()
    proposal.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and proposal.status == "proposed"
    assert "Abgesagt: Krankheitswelle" in client.get(meeting.get_absolute_url()).content.decode()
    following = services.following_meeting(meeting)
    item = services.put_on_agenda(following, proposal)  # the case can come up again
    assert item.meeting == following
