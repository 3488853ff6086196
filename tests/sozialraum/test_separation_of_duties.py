"""Technical administration never grants itself access (issue 11, finding 1; DESIGN §4 rule 9):
no own roles, no own memberships, no superuser or single permissions; every change of roles,
memberships and account flags is audited in the name of who made it."""

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from districts.models import Membership, ServiceArea
from sozialraum.models import AuditEvent
from sozialraum.roles import Role


def user_form_data(user, **changes):
    joined = timezone.localtime(user.date_joined)
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": joined.strftime("%d.%m.%Y"),
        "date_joined_1": joined.strftime("%H:%M:%S"),
        **changes,
    }


def test_the_administrator_cannot_give_itself_a_case_role(client, administrator):
    caseworker_group = Group.objects.get(name=Role.CASEWORKER)
    client.force_login(administrator)
    url = reverse("admin:auth_user_change", args=[administrator.pk])
    page = client.get(url).content.decode()
    assert 'name="groups"' not in page  # shown, not editable
    assert 'name="is_superuser"' not in page and 'name="user_permissions"' not in page
    client.post(url, user_form_data(administrator, groups=[caseworker_group.pk], is_superuser="on"))
    administrator.refresh_from_db()
    assert not administrator.groups.filter(name=Role.CASEWORKER).exists()
    assert not administrator.is_superuser


def test_memberships_are_not_made_in_the_admin(client, administrator, roleless_user, styrum):
    """A membership opens case files: it is requested and approved (tests/districts/test_access_requests.py)."""
    client.force_login(administrator)
    service_area = ServiceArea.objects.get(name="Casemanagement")
    for user in (administrator, roleless_user):
        response = client.post(
            reverse("admin:districts_membership_add"),
            {"user": user.pk, "team": styrum.pk, "role": "member", "service_area": service_area.pk},
        )
        assert response.status_code == 403
    assert not Membership.objects.filter(user__in=[administrator, roleless_user]).exists()
    team_page = client.get(reverse("admin:districts_team_change", args=[styrum.pk])).content.decode()
    assert 'name="memberships-TOTAL_FORMS" value="0"' in team_page or "memberships-0-user" not in team_page


def test_case_roles_given_in_the_admin_are_held_back(client, administrator, roleless_user):
    """Four-eyes: the admin form gives only roles without case or audit access; Fachkraft waits."""
    client.force_login(administrator)
    url = reverse("admin:auth_user_change", args=[roleless_user.pk])
    caseworker, planning = Group.objects.get(name=Role.CASEWORKER), Group.objects.get(name=Role.PLANNING)
    response = client.post(url, user_form_data(roleless_user, groups=[caseworker.pk, planning.pk]), follow=True)
    assert "Nicht vergeben: Fachkraft" in response.content.decode()
    assert set(roleless_user.groups.values_list("name", flat=True)) == {Role.PLANNING}
    event = AuditEvent.objects.get(object_type="auth.user", object_id=roleless_user.pk, changed_fields=["groups"])
    assert event.user_id == administrator.pk and event.details["added"] == [Role.PLANNING]


def test_taking_a_case_role_away_is_immediate(client, administrator, caseworker):
    client.force_login(administrator)
    response = client.post(reverse("admin:auth_user_change", args=[caseworker.pk]), user_form_data(caseworker))
    assert response.status_code == 302
    assert not caseworker.groups.exists()
    event = AuditEvent.objects.get(
        object_type="auth.user", object_id=caseworker.pk, changed_fields=["groups"], user_id=administrator.pk
    )
    assert event.details["removed"] == [Role.CASEWORKER]


def test_a_password_set_by_an_administrator_must_be_changed_at_the_next_sign_in(client, administrator, caseworker):
    client.force_login(administrator)
    url = reverse("admin:auth_user_password_change", args=[caseworker.pk])
    chosen = "Vorläufiges Kennwort 2026"
    response = client.post(url, {"password1": chosen, "password2": chosen, "usable_password": "true"})
    assert response.status_code == 302
    event = AuditEvent.objects.filter(object_type="auth.user", object_id=caseworker.pk, changed_fields=["password"])
    assert event.get().user_id == administrator.pk

    client.logout()
    assert client.post(reverse("login"), {"username": "fachkraft", "password": chosen}).status_code == 302
    for url in (reverse("home"), reverse("cases:case_list")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("password_change"), url
    own = "Mein eigenes langes Passwort"
    response = client.post(
        reverse("password_change"), {"old_password": chosen, "new_password1": own, "new_password2": own}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200  # free again
