"""Zuständigkeitswechsel: a case goes to another district's team only when that team's lead
accepts; until then nothing moves and the receiving team cannot read it; afterwards the old team
cannot, and the follow-ups and action items went along (issue 16)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cases import follow_up_actions, transfers
from cases.constants import ConsentScope
from cases.models import Case, CaseTransfer, Consent, FollowUp, TransferStatus
from districts.constants import MembershipRole
from districts.models import District, ServiceArea
from meetings import services as meeting_services
from meetings.models import ActionItem
from sozialraum.models import AuditEvent
from sozialraum.roles import Role
from tests.factories import TeamFactory
from tests.helpers import PERSON, member


@pytest.fixture
def new_team(reference_data):
    return TeamFactory(district=District.objects.get(slug="boefingen"), name="Sozialraumteam Böfingen")


@pytest.fixture
def new_lead(new_team):
    return member(new_team, "leitung-boefingen", "Casemanagement", role=Role.TEAM_LEAD, team_role=MembershipRole.LEAD)


@pytest.fixture
def new_worker(new_team):
    return member(new_team, "cm-boefingen", "Casemanagement")


def test_nothing_moves_until_the_receiving_lead_accepts(client, case, sgb2_worker, new_team, new_lead, new_worker):
    client.force_login(sgb2_worker)
    response = client.post(
        reverse("cases:case_transfer", args=[case.reference]), {"to_team": new_team.pk, "reason": "Umzug nach Böfingen"}
    )
    assert response.status_code == 302
    transfer = CaseTransfer.objects.get(case=case)
    assert transfer.status == TransferStatus.PENDING
    assert not Case.objects.visible_to(new_worker).filter(pk=case.pk).exists()
    assert Case.objects.get(pk=case.pk).team_id == case.team_id
    # The receiving lead sees the request without any name.
    client.force_login(new_lead)
    html = client.get(reverse("cases:transfers_incoming")).content.decode()
    assert case.reference in html and "Umzug nach Böfingen" in html
    assert PERSON["last_name"] not in html and PERSON["first_name"] not in html
    decide = client.get(reverse("cases:transfer_decide", args=[transfer.pk])).content.decode()
    assert PERSON["last_name"] not in decide
    client.force_login(new_worker)  # a member who does not lead the team cannot decide
    assert client.get(reverse("cases:transfer_decide", args=[transfer.pk])).status_code == 404


def test_acceptance_moves_case_follow_ups_and_action_items_and_visibility(
    client, meeting, proposal, case, styrum, sgb2_worker, sgb2_colleague, styrum_lead, new_team, new_lead, new_worker
):
    follow_up = follow_up_actions.set_follow_up(sgb2_worker, timezone.localdate() + timedelta(days=3), "x", case=case)
    item = meeting_services.put_on_agenda(meeting, proposal)
    action = meeting_services.add_action_item(
        meeting,
        ActionItem(agenda_item=item, what="Bescheid", owner=sgb2_worker, due_on=timezone.localdate()),
    )
    Consent.objects.create(
        case=case,
        scope=ConsentScope.TEAM,
        team=styrum,
        purpose="Fallberatung",
        given_on=timezone.localdate(),
        recorded_by=sgb2_worker,
    )
    transfer = transfers.request_transfer(sgb2_worker, case, new_team, "Umzug")
    client.force_login(new_lead)
    page = client.get(reverse("cases:transfer_decide", args=[transfer.pk])).content.decode()
    assert "Einwilligungen für das abgebende Team gelten nicht weiter" in page
    response = client.post(
        reverse("cases:transfer_decide", args=[transfer.pk]),
        {
            "accept": "1",
            "caseworker": new_worker.pk,
            "service_area": ServiceArea.objects.get(name="Casemanagement").pk,
        },
    )
    assert response.status_code == 302
    moved = Case.objects.get(pk=case.pk)
    assert (moved.team, moved.caseworker, moved.reference) == (new_team, new_worker, case.reference)
    assert Case.objects.visible_to(new_worker).filter(pk=case.pk, full_access=True).exists()
    assert not Case.objects.visible_to(sgb2_colleague).filter(pk=case.pk).exists()
    assert not Case.objects.visible_to(styrum_lead).filter(pk=case.pk).exists()
    follow_up.refresh_from_db()
    action.refresh_from_db()
    assert follow_up.owner == new_worker and action.owner == new_worker
    assert FollowUp.objects.open().filter(case=case).exclude(owner=new_worker).count() == 0
    assert AuditEvent.objects.filter(object_type="cases.case", object_id=case.pk, changed_fields__contains=["team"])


def test_decline_needs_a_reason_and_keeps_everything(client, case, sgb2_worker, new_team, new_lead):
    transfer = transfers.request_transfer(sgb2_worker, case, new_team, "Umzug")
    client.force_login(new_lead)
    url = reverse("cases:transfer_decide", args=[transfer.pk])
    refused = client.post(url, {"decline": "1", "decline_reason": ""})
    assert refused.status_code == 200 and "Dieses Feld ist zwingend erforderlich" in refused.content.decode()
    client.post(url, {"decline": "1", "decline_reason": "Adresse liegt nicht in Böfingen"})
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.DECLINED
    assert Case.objects.get(pk=case.pk).team_id == case.team_id
    # A second click on "decline" or "accept" changes nothing more.
    again = client.post(url, {"accept": "1"}, follow=True)
    assert "bereits entschieden" in again.content.decode()


def test_one_open_request_at_a_time_and_only_to_another_team(case, sgb2_worker, styrum, new_team):
    transfers.request_transfer(sgb2_worker, case, new_team, "Umzug")
    with pytest.raises(ValidationError):
        transfers.request_transfer(sgb2_worker, case, new_team, "nochmal")
    with pytest.raises(ValidationError):
        transfers.request_transfer(sgb2_worker, case, styrum, "eigenes Team")


def test_the_new_caseworker_must_work_in_the_cases_legal_area(case, sgb2_worker, new_team, new_lead):
    ksd = member(new_team, "ksd-boefingen", "Kommunaler Sozialer Dienst")
    transfer = transfers.request_transfer(sgb2_worker, case, new_team, "Umzug")
    with pytest.raises(ValidationError):
        transfers.accept(new_lead, transfer, ksd, ServiceArea.objects.get(name="Casemanagement"))
