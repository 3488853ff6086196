"""Who gets in where: login, roles, navigation, error pages."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from sozialraum.roles import Role

PAGES = [
    ("home", {}),
    ("password_change", {}),
    ("districts:municipality_list", {}),
    ("districts:municipality_detail", {"slug": "ulm"}),
    ("districts:district_list", {}),
    ("districts:district_detail", {"municipality": "muelheim-an-der-ruhr", "slug": "styrum"}),
]


@pytest.mark.parametrize(("url_name", "kwargs"), PAGES)
def test_anonymous_user_is_sent_to_login(client, reference_data, url_name, kwargs):
    url = reverse(url_name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_anonymous_user_is_sent_to_login_from_a_team_page(client, styrum):
    response = client.get(styrum.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_german_and_open(client, db):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in html
    assert "Anmelden" in html
    assert "Benutzername" in html
    assert "Passwort" in html


def test_wrong_password_gives_german_message_and_keeps_username(client, caseworker):
    response = client.post(reverse("login"), {"username": "fachkraft", "password": "falsch"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte Benutzername und Passwort eingeben" in html
    assert 'value="fachkraft"' in html


def test_login_leads_to_start_page(client, caseworker):
    response = client.post(reverse("login"), {"username": "fachkraft", "password": "geheim-123"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Meine Arbeit" in response.content.decode()


def test_role_groups_exist(db):
    assert set(Group.objects.filter(name__in=Role.values).values_list("name", flat=True)) == set(Role.values)


def test_administration_role_may_manage_reference_data_and_users(db):
    group = Group.objects.get(name=Role.ADMINISTRATION)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_district", "add_indicatorvalue", "change_membership", "change_user"} <= codenames
    assert "delete_group" not in codenames


@pytest.mark.parametrize(("url_name", "kwargs"), PAGES[2:] + [("home", {})])
def test_user_without_role_sees_friendly_page(client, reference_data, roleless_user, url_name, kwargs):
    client.force_login(roleless_user)
    response = client.get(reverse(url_name, kwargs=kwargs))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Noch keine Rolle zugewiesen" in html
    assert "Willkommen, Rolf Rollenlos" in html
    assert "Styrum" not in html


def test_user_without_role_can_still_log_out(client, roleless_user):
    client.force_login(roleless_user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


NAV_EXPECTATIONS = [
    ("caseworker", {">Meine Arbeit<", ">Fälle<", ">Angebote<", ">Sozialräume<"}, {">Administration<", ">Aktualität<"}),
    ("team_lead", {">Meine Arbeit<", ">Fälle<", ">Netzwerke<"}, {">Administration<"}),
    ("planner", {">Start<", ">Partner<", ">Sozialräume<"}, {">Administration<", ">Fälle<", "Tätigkeit erfassen"}),
    ("coordinator", {">Partner<", ">Netzwerke<", ">Aktualität<"}, {">Administration<", ">Fälle<"}),
    ("administrator", {">Sozialräume<", ">Administration<"}, {">Fälle<", ">Partner<"}),
]


@pytest.mark.parametrize(("user_fixture", "shown", "hidden"), NAV_EXPECTATIONS)
def test_navigation_fits_the_role(client, request, user_fixture, shown, hidden):
    client.force_login(request.getfixturevalue(user_fixture))
    html = client.get(reverse("home")).content.decode()
    navigation = html[html.index('id="main-navigation"') : html.index("</header>")]
    for label in shown:
        assert label in navigation
    for label in hidden:
        assert label not in navigation


def test_page_has_skip_link_and_main_landmark(client, caseworker):
    client.force_login(caseworker)
    html = client.get(reverse("home")).content.decode()
    assert 'href="#content"' in html
    assert "Zum Inhalt springen" in html
    assert '<main id="content"' in html


def test_unknown_page_gives_german_404(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_admin_needs_administration_role(client, caseworker, administrator):
    client.force_login(caseworker)
    assert client.get(reverse("admin:index")).status_code == 302  # not staff: admin login
    client.force_login(administrator)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Sozialräume" in html
    assert "Kennzahlwerte" in html
    assert "Mitgliedschaften" in html


def test_password_change_in_german(client, caseworker):
    client.force_login(caseworker)
    response = client.post(
        reverse("password_change"),
        {"old_password": "geheim-123", "new_password1": "kurz", "new_password2": "anders"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Die beiden Passwörter sind nicht identisch." in html
    response = client.post(
        reverse("password_change"),
        {"old_password": "geheim-123", "new_password1": "Sozialraum-2026!", "new_password2": "Sozialraum-2026!"},
    )
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.check_password("Sozialraum-2026!")


def test_server_error_page_is_german_and_needs_no_database():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Serverfehler" in html
    assert "Nichts von Ihren Eingaben wurde halb gespeichert" in html


def test_permission_denied_page_is_german(client, caseworker, settings):
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.views.defaults import permission_denied

    request = RequestFactory().get("/")
    request.user = caseworker
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Zugriff verweigert" in response.content.decode()


@pytest.mark.parametrize(
    "backend", ["sozialraum.directory.backends.PasswordBackend", "sozialraum.directory.backends.DirectoryBackend"]
)
def test_the_roles_come_with_the_user_and_a_removed_role_counts_on_the_next_request(
    client, settings, sgb2_worker, backend
):
    """Every signed-in request read the user and then, in a query of its own, its roles: both now
    come in one query, still read anew on every request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.DIRECTORY_SIGN_IN = True
    client.force_login(sgb2_worker, backend=backend)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("cases:case_list")).status_code == 200
    statements = [query["sql"] for query in captured]
    assert not [sql for sql in statements if sql.startswith('SELECT "auth_group"')], statements
    caseworkers = Group.objects.get(name=Role.CASEWORKER)
    sgb2_worker.groups.remove(caseworkers)
    assert client.get(reverse("cases:case_list")).status_code == 403
    sgb2_worker.groups.add(caseworkers)
    assert client.get(reverse("cases:case_list")).status_code == 200
