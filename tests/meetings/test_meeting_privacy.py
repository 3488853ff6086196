"""DESIGN §4 rule 2: agendas, records, minutes, packs, mails and feeds show the pseudonym —
unless an active consent covers the team and no guest from outside the team is present."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from cases.constants import ConsentScope
from meetings import services
from meetings.models import Attendance, CalendarToken, Consultation
from sozialraum.models import AuditAction, AuditEvent
from tests.helpers import PERSONAL_DATA, give_consent, pdf_text


@pytest.fixture
def held_meeting(meeting, proposal, styrum_lead, sgb2_worker):
    item = services.put_on_agenda(meeting, proposal)
    Consultation.objects.create(
        agenda_item=item,
        case=item.case,
        question=proposal.question,
        recorded_by=styrum_lead,
        resources_seen="Schwester im Haus",
        agreement="Bewerbungstreff ausprobieren",
    )
    sgb2_worker.email = "cm@example.org"
    sgb2_worker.save()
    return meeting


def documents(client, meeting):
    page = client.get(meeting.get_absolute_url()).content.decode()
    pack = pdf_text(client.get(reverse("meetings:document", args=[meeting.pk, "mappe"])).content)
    minutes = pdf_text(client.get(reverse("meetings:document", args=[meeting.pk, "protokoll"])).content)
    item = meeting.agenda_items.get()
    record = client.get(reverse("meetings:consultation", args=[meeting.pk, item.pk])).content.decode()
    client.post(reverse("meetings:send_agenda", args=[meeting.pk]))
    return {"page": page, "pack": pack, "minutes": minutes, "record": record, "mail": mail.outbox[-1].body}


def test_without_consent_every_document_shows_the_pseudonym(client, held_meeting, case, styrum_lead):
    client.force_login(styrum_lead)
    for name, text in documents(client, held_meeting).items():
        for value in PERSONAL_DATA:
            assert value not in text, (name, value)
        assert f"{case.reference} · 65–79 · weiblich · Styrum" in text, name
    assert "Bewerbungstreff ausprobieren" in documents(client, held_meeting)["minutes"]


def test_consent_for_the_team_shows_the_name_unless_a_guest_is_present(client, held_meeting, case, styrum_lead):
    give_consent(case, case.caseworker, scope=ConsentScope.TEAM, team=case.team)
    client.force_login(styrum_lead)
    shown = documents(client, held_meeting)
    # The mail leaves the app: reference and pseudonym only, even with consent (issue 12, finding 2).
    assert "Müller" not in shown.pop("mail")
    assert all("Erika Müller" in text for text in shown.values())

    Attendance.objects.create(meeting=held_meeting, guest_name="Frau Gast", guest_partner=None)
    for name, text in documents(client, held_meeting).items():
        assert "Erika Müller" not in text, name
        assert "Müller" not in text, name


def test_consent_for_a_legal_area_is_not_enough_for_the_team(client, held_meeting, case, styrum_lead):
    from districts.models import LegalArea

    give_consent(
        case, case.caseworker, scope=ConsentScope.LEGAL_AREA, legal_area=LegalArea.objects.get(code="SGB VIII")
    )
    client.force_login(styrum_lead)
    assert "Müller" not in documents(client, held_meeting)["pack"]


def test_opening_a_consultation_record_is_audited(client, held_meeting, styrum_lead):
    item = held_meeting.agenda_items.get()
    client.force_login(styrum_lead)
    client.get(reverse("meetings:consultation", args=[held_meeting.pk, item.pk]))
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="meetings.consultation", user_id=styrum_lead.pk, case_id=item.case_id
    ).exists()


def test_calendar_feed_validates_and_carries_no_client_data(client, held_meeting, case, styrum_lead):
    give_consent(case, case.caseworker, scope=ConsentScope.TEAM, team=case.team)
    client.force_login(styrum_lead)
    client.post(reverse("meetings:feed_settings"), {"action": "create"})
    token = CalendarToken.objects.get(user=styrum_lead)
    client.logout()  # a calendar program has no session

    response = client.get(reverse("meetings:feed", args=[token.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.content)
    events = list(feed.walk("VEVENT"))
    assert any(str(event["SUMMARY"]) == "Sozialraumteam Styrum" for event in events)
    text = response.content.decode()
    for value in [*PERSONAL_DATA, case.reference, "Bewerbungstreff", "Wie stärken"]:
        assert value not in text


def test_revoked_feed_address_stops_working(client, styrum_lead, meeting):
    client.force_login(styrum_lead)
    client.post(reverse("meetings:feed_settings"), {"action": "create"})
    token = CalendarToken.objects.get(user=styrum_lead).token
    client.post(reverse("meetings:feed_settings"), {"action": "revoke"})
    client.logout()
    assert client.get(reverse("meetings:feed", args=[token])).status_code == 404
    assert client.get(reverse("meetings:feed", args=["guessed-token"])).status_code == 404


def test_meeting_of_another_team_is_404(client, meeting, outsider, planner):
    for user in (outsider, planner):
        client.force_login(user)
        assert client.get(meeting.get_absolute_url()).status_code == 404
        assert client.get(reverse("meetings:document", args=[meeting.pk, "mappe"])).status_code == 404


def test_members_read_but_only_the_lead_manages(client, meeting, proposal, sgb8_worker, styrum_lead):
    client.force_login(sgb8_worker)
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert (
        client.post(reverse("meetings:agenda_add_case", args=[meeting.pk]), {"proposal": proposal.pk}).status_code
        == 404
    )
    assert not meeting.agenda_items.exists()
    client.force_login(styrum_lead)
    assert (
        client.post(reverse("meetings:agenda_add_case", args=[meeting.pk]), {"proposal": proposal.pk}).status_code
        == 302
    )
    assert meeting.agenda_items.count() == 1


def test_pdfs_are_a4_with_page_numbers_and_german_dates(client, held_meeting, styrum_lead):
    client.force_login(styrum_lead)
    response = client.get(reverse("meetings:document", args=[held_meeting.pk, "protokoll"]))
    reader = PdfReader(io.BytesIO(response.content))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = pdf_text(response.content)
    assert f"Seite 1 von {len(reader.pages)}" in text
    assert held_meeting.date.strftime("%d.%m.%Y") in text
    assert timezone.localdate().year > 2000


def meeting_urls(meeting):
    item = meeting.agenda_items.get()
    return [
        meeting.get_absolute_url(),
        reverse("meetings:document", args=[meeting.pk, "mappe"]),
        reverse("meetings:document", args=[meeting.pk, "protokoll"]),
        reverse("meetings:consultation", args=[meeting.pk, item.pk]),
    ]


def test_a_former_member_who_attended_reads_nothing_any_more(client, held_meeting, sgb8_worker):
    """Finding 3 of issue 11: attendance kept the meeting open to someone who left the team."""
    services.set_attendance(held_meeting.team.memberships.get(role="lead").user, held_meeting, [sgb8_worker])
    client.force_login(sgb8_worker)
    assert all(client.get(url).status_code == 200 for url in meeting_urls(held_meeting))
    sgb8_worker.memberships.all().delete()
    for url in meeting_urls(held_meeting):
        assert client.get(url).status_code == 404, url


def test_a_member_without_a_case_work_role_reads_no_meeting(client, held_meeting, styrum, coordinator):
    """A team member whose role is only network coordination (or planning) is no case worker."""
    styrum.memberships.create(user=coordinator, role="member")
    client.force_login(coordinator)
    for url in meeting_urls(held_meeting):
        assert client.get(url).status_code == 404, url
