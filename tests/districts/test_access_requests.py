"""Four-eyes grants (issue 11, "Separation of duties"; DESIGN §4 rule 9): a case role or a team
membership is a request of one administrator that grants nothing until a second one approves."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from districts.models import AccessRequest, AccessRequestStatus, Membership, ServiceArea
from sozialraum.models import AuditAction, AuditEvent
from sozialraum.roles import Role
from tests.helpers import user_with_role

REQUESTS = "/berechtigungen/"


@pytest.fixture
def second_administrator(db):
    return user_with_role(Role.ADMINISTRATION, username="administration2", is_staff=True)


def ask(client, **data):
    return client.post(reverse("districts:access_request_create"), {"reason": "Ticket 4711", **data})


def ask_for_role(client, user, role=Role.CASEWORKER):
    return ask(client, user=user.pk, kind="role", group=Group.objects.get(name=role).pk)


def ask_for_membership(client, user, team, service_area="Casemanagement", role="member"):
    area = ServiceArea.objects.get(name=service_area)
    return ask(client, user=user.pk, kind="membership", team=team.pk, membership_role=role, service_area=area.pk)


def test_asking_for_oneself_is_refused_and_audited(client, administrator, styrum):
    client.force_login(administrator)
    response = ask_for_role(client, administrator)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sie können keinen Zugriff für sich selbst beantragen" in page
    assert 'value="Ticket 4711"' in page  # the input stays
    response = ask_for_membership(client, administrator, styrum)
    assert "für sich selbst" in response.content.decode()
    assert not AccessRequest.objects.exists()
    refused = AuditEvent.objects.filter(action=AuditAction.REFUSE, user_id=administrator.pk)
    assert [event.details.get("role") or event.details.get("team_name") for event in refused.order_by("id")] == [
        Role.CASEWORKER,
        str(styrum),
    ]


def test_a_requested_role_grants_nothing_until_a_second_administrator_approves(
    client, administrator, second_administrator, roleless_user, case
):
    client.force_login(administrator)
    response = ask_for_role(client, roleless_user)
    assert response.status_code == 302
    access_request = AccessRequest.objects.get()
    assert access_request.status == AccessRequestStatus.PENDING and access_request.requested_by == administrator
    assert not roleless_user.groups.exists()
    # The requester cannot approve its own request: no button, and a POST is refused.
    page = client.get(REQUESTS).content.decode()
    assert "Eine zweite Person muss Ihren Antrag freigeben" in page
    assert reverse("districts:access_request_approve", args=[access_request.pk]) not in page
    response = client.post(reverse("districts:access_request_approve", args=[access_request.pk]), follow=True)
    assert "Eine zweite Person muss Ihren Antrag freigeben" in response.content.decode()
    assert not roleless_user.groups.exists()

    client.force_login(second_administrator)
    page = client.get(REQUESTS).content.decode()
    assert "Rollenlos" in page and "Fachkraft" in page and "Ticket 4711" in page
    response = client.post(reverse("districts:access_request_approve", args=[access_request.pk]), follow=True)
    assert "Freigegeben" in response.content.decode()
    assert set(roleless_user.groups.values_list("name", flat=True)) == {Role.CASEWORKER}
    access_request.refresh_from_db()
    assert (access_request.status, access_request.decided_by) == (AccessRequestStatus.APPROVED, second_administrator)

    events = AuditEvent.objects.filter(object_type="districts.accessrequest", object_id=access_request.pk)
    assert [(event.action, event.user_id) for event in events.order_by("id")] == [
        (AuditAction.REQUEST, administrator.pk),
        (AuditAction.APPROVE, second_administrator.pk),
    ]
    assert events.last().details == {"account": roleless_user.username, "role": Role.CASEWORKER}
    grant = AuditEvent.objects.get(object_type="auth.user", object_id=roleless_user.pk, changed_fields=["groups"])
    assert grant.user_id == second_administrator.pk and grant.details["added"] == [Role.CASEWORKER]


def test_a_membership_opens_the_case_files_only_after_approval(
    client, administrator, second_administrator, styrum, case
):
    colleague = user_with_role(Role.CASEWORKER, username="neu-sgb2")
    client.force_login(administrator)
    assert ask_for_membership(client, colleague, styrum).status_code == 302
    client.force_login(colleague)
    assert client.get(case.get_absolute_url()).status_code == 404  # pending: nothing granted

    client.force_login(second_administrator)
    access_request = AccessRequest.objects.get()
    client.post(reverse("districts:access_request_approve", args=[access_request.pk]))
    membership = Membership.objects.get(user=colleague, team=styrum)
    assert membership.service_area.name == "Casemanagement" and membership.role == "member"
    client.force_login(colleague)
    assert client.get(case.get_absolute_url()).status_code == 200
    created = AuditEvent.objects.get(object_type="districts.membership", object_id=membership.pk, action="create")
    assert created.user_id == second_administrator.pk


def test_a_rejected_request_grants_nothing(client, administrator, second_administrator, roleless_user):
    client.force_login(administrator)
    ask_for_role(client, roleless_user, Role.DATA_PROTECTION)
    access_request = AccessRequest.objects.get()
    client.force_login(second_administrator)
    response = client.post(reverse("districts:access_request_reject", args=[access_request.pk]), follow=True)
    assert "Abgelehnt" in response.content.decode()
    assert not roleless_user.groups.exists()
    assert AuditEvent.objects.filter(action=AuditAction.REJECT, object_id=access_request.pk).count() == 1


def test_a_double_click_decides_once(client, administrator, second_administrator, roleless_user):
    client.force_login(administrator)
    ask_for_role(client, roleless_user)
    second = ask_for_role(client, roleless_user)  # the same request again
    assert "bereits beantragt" in second.content.decode()
    access_request = AccessRequest.objects.get()
    client.force_login(second_administrator)
    url = reverse("districts:access_request_approve", args=[access_request.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert "bereits entschieden" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.APPROVE).count() == 1


def test_nobody_approves_access_for_themselves(client, administrator, second_administrator):
    """Administrator 1 asks for a case role for administrator 2: 2 may not approve it."""
    client.force_login(administrator)
    ask_for_role(client, second_administrator)
    access_request = AccessRequest.objects.get()
    client.force_login(second_administrator)
    response = client.post(reverse("districts:access_request_approve", args=[access_request.pk]), follow=True)
    assert "nicht über Zugriff für sich selbst entscheiden" in response.content.decode()
    assert not second_administrator.groups.filter(name=Role.CASEWORKER).exists()


@pytest.mark.parametrize("user_fixture", ["caseworker", "team_lead", "planner", "data_protection", "roleless_user"])
def test_only_administrators_reach_the_page(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(REQUESTS).status_code == 403
    assert client.get(reverse("districts:access_request_create")).status_code == 403


def test_the_form_says_what_is_missing(client, administrator, roleless_user):
    client.force_login(administrator)
    response = ask(client, user=roleless_user.pk, kind="membership")
    assert response.status_code == 200
    assert "Bitte das Team wählen" in response.content.decode()
    assert not AccessRequest.objects.exists()
