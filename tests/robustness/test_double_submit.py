"""A double click, a reload or ten parallel POSTs of one form make one record (DESIGN §4
rule 7): every POST form carries a one-time token (sozialraum.submissions), and changes to one
agenda wait for each other. The requests really run in parallel, each on its own connection."""

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import Activity, Case, Consent
from meetings import services as meeting_services
from meetings.models import ActionItem, AgendaItem, CalendarToken, CaseProposal
from tests.helpers import open_case_data

PARALLEL = 10

pytestmark = pytest.mark.django_db


def post_in_parallel(user, url: str, data: dict, headers: dict | None = None) -> list:
    def one(_number):
        client = Client()
        client.force_login(user)
        try:
            response = client.post(url, data, headers=headers or {})
            return response.status_code, response.get("Location", ""), response.content
        finally:
            connection.close()

    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(one, range(PARALLEL)))


def once(data: dict) -> dict:
    return {**data, "form_token": str(uuid.uuid4())}


@pytest.mark.django_db(transaction=True)
def test_ten_parallel_submits_of_each_create_form_make_one_record(case, sgb2_worker, styrum, meeting, styrum_lead):
    new_client = open_case_data(styrum, sgb2_worker, first_name="Anna", last_name="Neumann", birth_date="1990-05-01")
    answers = post_in_parallel(sgb2_worker, reverse("cases:case_open"), once(new_client))
    assert Case.objects.count() == 2  # the fixture's case and one new
    assert {status for status, _location, _content in answers} == {302}
    assert len({location for _status, location, _content in answers}) == 1

    activity = {
        "date": timezone.localdate().isoformat(),
        "minutes": "45",
        "kind": "case",
        "activity_type": "counselling",
        "district": styrum.district_id,
        "case": case.pk,
    }
    answers = post_in_parallel(sgb2_worker, reverse("cases:activity_add"), once(activity), {"HX-Request": "true"})
    assert Activity.objects.count() == 1
    assert len({content for _status, _location, content in answers}) == 1  # the same answer ten times

    consent = {"scope": "team", "team": styrum.pk, "purpose": "Fallberatung", "given_on": "2026-01-05"}
    post_in_parallel(sgb2_worker, reverse("cases:consent_add", args=[case.reference]), once(consent))
    assert Consent.objects.count() == 1

    question = {"question": "Wie geht es weiter?"}
    post_in_parallel(sgb2_worker, reverse("meetings:propose_case", args=[case.reference]), once(question))
    assert CaseProposal.objects.count() == 1

    item = meeting_services.put_on_agenda(meeting, CaseProposal.objects.get())
    action = {"action-agenda_item": item.pk, "action-what": "Termin machen", "action-owner": styrum_lead.pk}
    action["action-due_on"] = timezone.localdate().isoformat()
    post_in_parallel(styrum_lead, reverse("meetings:action_add", args=[meeting.pk]), once(action))
    assert ActionItem.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_parallel_agenda_changes_keep_one_item_per_proposal_and_distinct_positions(meeting, proposal, styrum_lead):
    # Without tokens (another browser tab each time): the proposal still goes on once.
    answers = post_in_parallel(
        styrum_lead, reverse("meetings:agenda_add_case", args=[meeting.pk]), {"proposal": proposal.pk}
    )
    assert all(status in (302, 404) for status, _location, _content in answers)
    assert AgendaItem.objects.filter(proposal=proposal).count() == 1

    topic = {"topic-kind": "information", "topic-title": "Neues aus dem Jobcenter", "topic-planned_minutes": "10"}
    post_in_parallel(styrum_lead, reverse("meetings:agenda_add_topic", args=[meeting.pk]), topic)
    positions = list(AgendaItem.objects.filter(meeting=meeting).values_list("position", flat=True))
    assert len(positions) == 1 + PARALLEL
    assert len(set(positions)) == len(positions)


@pytest.mark.django_db(transaction=True)
def test_parallel_calendar_addresses_and_attendance_give_no_server_error(sgb2_worker, meeting, styrum_lead):
    answers = post_in_parallel(sgb2_worker, reverse("meetings:feed_settings"), {"action": "create"})
    assert {status for status, _location, _content in answers} == {302}
    assert CalendarToken.objects.filter(user=sgb2_worker).count() == 1
    present = {"attendance-members": [styrum_lead.pk, sgb2_worker.pk]}
    answers = post_in_parallel(styrum_lead, reverse("meetings:attendance", args=[meeting.pk]), present)
    assert {status for status, _location, _content in answers} == {302}
    assert meeting.attendances.count() == 2


def test_signing_out_with_a_form_token_is_no_server_error(client, sgb2_worker):
    client.force_login(sgb2_worker)
    response = client.post(reverse("logout"), once({}))
    assert response.status_code == 302
