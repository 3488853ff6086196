"""Closing a meeting loses no case: each case on the agenda without a consultation record goes
onto the next meeting or is withdrawn with a reason; the follow-up date of a consultation comes
back on the next meeting's page (issue 16)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.constants import PersonRole
from cases.models import Case, Person
from meetings import services
from meetings.constants import MeetingStatus, ProposalStatus
from meetings.models import Consultation
from tests.helpers import PERSON


def another_case(case, number):
    twin = Case(
        team=case.team,
        legal_area=case.legal_area,
        service_area=case.service_area,
        caseworker=case.caseworker,
        opened_on=case.opened_on,
    )
    person = Person(role=PersonRole.MAIN, **{**PERSON, "first_name": f"Person{number}"})
    return case_services.open_case(case.caseworker, twin, person)


def test_closing_asks_for_each_unconsulted_case_and_carries_it_forward(client, series, meeting, case, styrum_lead):
    cases = [case, another_case(case, 2), another_case(case, 3)]
    items = [services.put_on_agenda(meeting, services.propose_case(styrum_lead, c, "Frage?")) for c in cases]
    services.save_consultation(styrum_lead, items[0], Consultation(), {"question": "Frage?"})
    client.force_login(styrum_lead)
    close = reverse("meetings:close", args=[meeting.pk])

    asked = client.post(close)
    html = asked.content.decode()
    assert asked.status_code == 200 and "2 Fälle standen auf der Tagesordnung" in html
    assert cases[1].reference in html and cases[2].reference in html and cases[0].reference not in html
    assert PERSON["last_name"] not in html  # no consent for the team: pseudonyms only

    decisions = {"item": [items[1].pk, items[2].pk], f"carry-{items[1].pk}": "next", f"carry-{items[2].pk}": "withdraw"}
    refused = client.post(close, {**decisions, f"reason-{items[2].pk}": "  "})
    assert "Sagen Sie, warum der Fall zurückgezogen wird." in refused.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED  # nothing half-done

    client.post(close, {**decisions, f"reason-{items[2].pk}": "Familie ist umgezogen"})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    following = services.following_meeting(meeting)
    assert list(following.agenda_items.values_list("case_id", flat=True)) == [cases[1].pk]
    withdrawn = items[2].proposal
    withdrawn.refresh_from_db()
    assert (withdrawn.status, withdrawn.withdrawn_reason) == (ProposalStatus.WITHDRAWN, "Familie ist umgezogen")
    assert items[0].proposal.__class__.objects.get(pk=items[0].proposal_id).status == ProposalStatus.CONSULTED


def test_without_a_next_meeting_the_case_goes_back_to_the_proposals(meeting, proposal, styrum_lead):
    item = services.put_on_agenda(meeting, proposal)
    meeting.series.meetings.filter(date__gt=meeting.date).delete()
    services.close_meeting(styrum_lead, meeting, {item.pk: (services.Carry.NEXT_MEETING, "")})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED


def test_the_follow_up_date_of_a_consultation_comes_back_on_the_next_meeting(
    client, series, meeting, proposal, case, styrum_lead
):
    item = services.put_on_agenda(meeting, proposal)
    following = services.following_meeting(meeting)
    services.save_consultation(
        styrum_lead,
        item,
        Consultation(),
        {"question": "?", "next_step": "Bewerbung schreiben", "follow_up_on": following.date - timedelta(days=1)},
    )
    services.close_meeting(styrum_lead, meeting)
    client.force_login(styrum_lead)
    html = client.get(following.get_absolute_url()).content.decode()
    assert "Wiedervorlagen aus früheren Fallberatungen" in html
    assert case.reference in html and "Bewerbung schreiben" in html
    assert timezone.localdate() <= following.date


def test_the_action_item_form_names_the_case_of_each_consultation(client, meeting, proposal, case, styrum_lead):
    services.put_on_agenda(meeting, proposal)
    client.force_login(styrum_lead)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert f"Kollegiale Fallberatung – {case.reference}" in html
