"""Issue 12, "Writers are warned", in the meeting: the consultation record and action items warn
about the case's names — but only a writer who sees them in this meeting."""

import pytest
from django.urls import reverse

from districts.constants import MembershipRole
from meetings import services as meeting_services
from meetings.models import ActionItem, Consultation
from sozialraum.roles import Role
from tests.helpers import give_consent, member

WARNING = "Der Text enthält den Namen „Müller“ – im Sozialraumteam wird er ausgeblendet."


@pytest.fixture
def consulted_item(case, sgb2_worker, meeting):
    proposal = meeting_services.propose_case(sgb2_worker, case, "Wie weiter?")
    return meeting_services.put_on_agenda(meeting, proposal)


def test_consultation_record_and_action_item_warn(client, consulted_item, meeting, styrum_lead):
    client.force_login(styrum_lead)
    give_consent(consulted_item.case, styrum_lead, scope="team", team=meeting.team)
    record = reverse("meetings:consultation", args=[meeting.pk, consulted_item.pk])
    data = {"question": "Wie weiter?", "resources_seen": "Erika Müller hat Freunde", "follow_up_on": ""}
    response = client.post(record, data)
    assert "Der Text enthält die Namen „Erika“, „Müller“" in response.content.decode()
    assert not Consultation.objects.exists()
    action = reverse("meetings:action_add", args=[meeting.pk])
    action_data = {"action-agenda_item": consulted_item.pk, "action-what": "Frau Müller anrufen"}
    action_data.update({"action-owner": styrum_lead.pk, "action-due_on": "2026-12-31"})
    response = client.post(action, action_data)
    page = response.content.decode()
    assert response.status_code == 200 and WARNING in page and "Frau M. anrufen" in page
    assert 'value="Frau Müller anrufen"' in page
    saved = client.post(action, {**action_data, "action-names_in_text": "replace"})
    assert saved.status_code == 302, saved.context["form"].errors
    assert ActionItem.objects.get().what == "Frau M. anrufen"


def test_a_writer_who_sees_the_case_pseudonymised_gets_no_oracle(client, consulted_item, meeting, styrum):
    """A lead of another legal area sees the case as a pseudonym; a warning would confirm a guess."""
    lead = member(styrum, "leitung-sgb8", "Kommunaler Sozialer Dienst", role=Role.TEAM_LEAD)
    lead.memberships.update(role=MembershipRole.LEAD)
    client.force_login(lead)
    record = reverse("meetings:consultation", args=[meeting.pk, consulted_item.pk])
    response = client.post(record, {"question": "Wie weiter?", "resources_seen": "Erika Müller?", "follow_up_on": ""})
    assert response.status_code == 302
    assert "ausgeblendet" not in response.content.decode()
    assert Consultation.objects.get().resources_seen == "Erika Müller?"
