"""Issue 20: signing in with the town's directory (OpenID Connect) against a real provider on
loopback – accounts and roles follow the directory, every failed token check is refused with a
German message, deactivated accounts lose their sessions, passwords can be switched off but for
break-glass accounts, and the provider's second factor may count as the app's."""

import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from sozialraum.checks import sign_in_check
from sozialraum.directory.tokens import TokenRejected, check_id_token
from sozialraum.models import AuditEvent, DirectoryAccount, DirectoryRoleMapping
from sozialraum.roles import Role, roles_of
from tests.identity_provider import (
    CLIENT_ID,
    approve_at_provider,
    configure,
    expired_tokens_provider,
    put_person,
    revoke,
    running_provider,
)

ANNA = {
    "preferred_username": "abecker",
    "given_name": "Anna",
    "family_name": "Becker",
    "email": "anna.becker@stadt.example",
    "groups": ["sozialraum-fachkraft"],
}


@pytest.fixture(scope="module")
def provider():
    with running_provider() as issuer:
        yield issuer


@pytest.fixture
def directory(settings, provider, db):
    configure(settings, provider)
    DirectoryRoleMapping.objects.create(group="sozialraum-fachkraft", role=Role.CASEWORKER, approved_at=timezone.now())
    DirectoryRoleMapping.objects.create(group="sozialplanung", role=Role.PLANNING, approved_at=timezone.now())
    return provider


def sign_in(client, subject: str, *, strip_nonce: bool = False):
    """The code flow as a browser walks it: our app → provider's form → back to our callback."""
    to_provider = client.get(reverse("directory_sign_in"))
    assert to_provider.status_code == 302
    authorize_url = to_provider["Location"]
    if strip_nonce:
        authorize_url = authorize_url.replace("&nonce=", "&ignored=")
    return client.get(approve_at_provider(authorize_url, subject))


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def signed_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


def test_first_sign_in_creates_the_account_from_the_directory_with_its_roles(client, directory):
    put_person(directory, "sub-anna-1", **ANNA)
    response = sign_in(client, "sub-anna-1")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    anna = User.objects.get(username="abecker")
    assert (anna.first_name, anna.last_name, anna.email) == ("Anna", "Becker", "anna.becker@stadt.example")
    assert not anna.has_usable_password()  # no password of this app to guess or to leak
    assert roles_of(anna) == {Role.CASEWORKER}
    assert DirectoryAccount.objects.get(user=anna).subject == "sub-anna-1"
    assert AuditEvent.objects.filter(object_type="auth.user", object_id=anna.pk, details__source="directory").exists()
    home = client.get(reverse("home"))
    assert home.status_code == 200 and "Anna Becker" in home.content.decode()


def test_roles_follow_the_directory_groups_at_every_sign_in(client, directory):
    put_person(directory, "sub-anna-2", **{**ANNA, "groups": ["sozialraum-fachkraft", "sozialplanung"]})
    sign_in(client, "sub-anna-2")
    anna = User.objects.get(username="abecker")
    assert roles_of(anna) == {Role.CASEWORKER, Role.PLANNING}
    client.post(reverse("logout"))
    put_person(directory, "sub-anna-2", **{**ANNA, "groups": ["sozialplanung", "kantine"]})
    sign_in(client, "sub-anna-2")
    assert roles_of(User.objects.get(pk=anna.pk)) == {Role.PLANNING}
    removed = AuditEvent.objects.filter(object_id=anna.pk, details__removed=["Fachkraft"])
    assert removed.exists()
    # The same person, not a second account: the subject identifies, not the name.
    assert User.objects.filter(username__startswith="abecker").count() == 1


def test_an_existing_account_is_linked_by_user_name_but_never_a_break_glass_account(client, directory, settings):
    existing = User.objects.create_user("abecker", password="altes-Passwort-2026")
    put_person(directory, "sub-anna-3", **ANNA)
    sign_in(client, "sub-anna-3")
    assert DirectoryAccount.objects.get(subject="sub-anna-3").user == existing
    client.post(reverse("logout"))

    settings.BREAK_GLASS_ACCOUNTS = ["notfall"]
    notfall = User.objects.create_user("notfall", password="Notfall-Passwort-2026")
    put_person(directory, "sub-fremd", preferred_username="notfall", groups=[])
    sign_in(client, "sub-fremd")
    linked = DirectoryAccount.objects.get(subject="sub-fremd").user
    assert linked != notfall and linked.username.startswith("notfall-")


def test_a_group_gives_a_role_that_opens_case_files_only_after_a_second_administrator_approves(
    client, directory, administrator
):
    other_admin = User.objects.create_user("admin-zwei", is_staff=True)
    other_admin.groups.set(administrator.groups.all())
    client.force_login(administrator)
    added = client.post(
        reverse("admin:sozialraum_directoryrolemapping_add"), {"group": "sgb8-team", "role": Role.TEAM_LEAD.value}
    )
    assert added.status_code == 302
    mapping = DirectoryRoleMapping.objects.get(group="sgb8-team")
    assert mapping.approved_at is None and mapping.requested_by == administrator
    changelist = reverse("admin:sozialraum_directoryrolemapping_changelist")
    own = client.post(changelist, {"action": "approve", "_selected_action": [mapping.pk]}, follow=True)
    assert "Ihre eigenen Anträge" in own.content.decode()
    mapping.refresh_from_db()
    assert mapping.approved_at is None

    put_person(directory, "sub-leitung", preferred_username="kleitung", groups=["sgb8-team"])
    visitor = client.__class__()
    sign_in(visitor, "sub-leitung")
    assert roles_of(User.objects.get(username="kleitung")) == set()

    client.force_login(other_admin)
    client.post(changelist, {"action": "approve", "_selected_action": [mapping.pk]})
    mapping.refresh_from_db()
    assert mapping.approved_by == other_admin
    visitor.post(reverse("logout"))
    sign_in(visitor, "sub-leitung")
    assert roles_of(User.objects.get(username="kleitung")) == {Role.TEAM_LEAD}
    assert AuditEvent.objects.filter(object_type="sozialraum.directoryrolemapping", action="approve").exists()


def refused_with(client, response, reason: str) -> None:
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert messages_of(response) == [TokenRejected(reason).message]
    assert not signed_in(client)
    assert not User.objects.filter(username="abecker").exists()


def test_a_token_of_an_issuer_the_app_does_not_trust_is_refused(client, directory, settings):
    settings.OIDC_OP_ISSUER = "https://anmeldung.andere-stadt.example"
    put_person(directory, "sub-anna-4", **ANNA)
    refused_with(client, sign_in(client, "sub-anna-4"), "issuer")
    assert "vertraut" in TokenRejected("issuer").message


def test_an_expired_token_is_refused(client, settings, db):
    with expired_tokens_provider() as issuer:
        configure(settings, issuer)
        put_person(issuer, "sub-anna-5", **ANNA)
        refused_with(client, sign_in(client, "sub-anna-5"), "expired")


def test_a_token_signed_with_another_key_is_refused(client, directory, settings):
    with running_provider() as impostor:  # a provider with a key of its own
        settings.OIDC_OP_JWKS_ENDPOINT = f"{impostor}/jwks"
        put_person(directory, "sub-anna-6", **ANNA)
        refused_with(client, sign_in(client, "sub-anna-6"), "signature")


def test_a_token_without_the_nonce_of_this_sign_in_is_refused(client, directory):
    put_person(directory, "sub-anna-7", **ANNA)
    refused_with(client, sign_in(client, "sub-anna-7", strip_nonce=True), "nonce")


def test_a_callback_this_browser_did_not_start_is_refused(client, directory):
    put_person(directory, "sub-anna-8", **ANNA)
    attacker = client.__class__()
    to_provider = attacker.get(reverse("directory_sign_in"))
    callback = approve_at_provider(to_provider["Location"], "sub-anna-8")
    refused_with(client, client.get(callback), "nonce")  # login CSRF: the victim's browser gets it


def test_a_cancelled_sign_in_says_so(client, directory):
    to_provider = client.get(reverse("directory_sign_in"))
    state = parse_qs(urlsplit(to_provider["Location"]).query)["state"][0]
    response = client.get(reverse("directory_callback"), {"error": "access_denied", "state": state})
    assert response["Location"] == reverse("login")
    assert messages_of(response) == ["Die Anmeldung mit dem Dienstkonto wurde abgebrochen."]


# The token checks one by one, on tokens made here with a key of the test's own.
PRIVATE_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PUBLIC_PEM = PRIVATE_KEY.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
)
ISSUER = "https://anmeldung.stadt.example/realms/stadt"


def token(*, key=PRIVATE_KEY, algorithm="RS256", drop=(), **claims) -> str:
    now = int(time.time())
    payload = {"iss": ISSUER, "sub": "s-1", "aud": CLIENT_ID, "iat": now, "exp": now + 300, "nonce": "n-1"}
    payload.update(claims)
    for name in drop:
        payload.pop(name)
    return jwt.encode(payload, key, algorithm=algorithm)


def check(encoded: str) -> dict:
    return check_id_token(encoded, key=PUBLIC_PEM, algorithm="RS256", issuer=ISSUER, audience=CLIENT_ID, nonce="n-1")


@pytest.mark.parametrize(
    ("encoded", "reason"),
    [
        (token(iss="https://evil.example"), "issuer"),
        (token(aud="andere-anwendung"), "audience"),
        (token(aud=[CLIENT_ID, "andere-anwendung"], azp="andere-anwendung"), "audience"),
        (token(exp=int(time.time()) - 3600), "expired"),
        (token(key=rsa.generate_private_key(public_exponent=65537, key_size=2048)), "signature"),
        (token(algorithm="none", key=None), "signature"),
        (token(nonce="n-2"), "nonce"),
        (token(drop=["nonce"]), "nonce"),
        (token(drop=["exp"]), "incomplete"),
        ("kein.token", "incomplete"),
    ],
    ids=["issuer", "audience", "azp", "expired", "other-key", "alg-none", "nonce", "no-nonce", "no-exp", "garbage"],
)
def test_each_failed_check_has_its_reason_and_a_german_message(encoded, reason):
    with pytest.raises(TokenRejected) as refused:
        check(encoded)
    assert refused.value.reason == reason
    assert refused.value.message.startswith("Die Anmeldung")  # German, for the person signing in


def test_a_complete_token_passes():
    assert check(token())["sub"] == "s-1"
    assert check(token(aud=[CLIENT_ID, "konto"], azp=CLIENT_ID))["sub"] == "s-1"


def test_an_account_deactivated_in_the_directory_loses_its_session(client, directory, settings):
    put_person(directory, "sub-anna-9", **ANNA)
    sign_in(client, "sub-anna-9")
    settings.OIDC_RECHECK_SECONDS = 0  # every request asks the directory
    assert signed_in(client)  # the refresh token still works: the session goes on
    revoke(directory, "sub-anna-9")
    response = client.get(reverse("cases:case_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert messages_of(response) == ["Ihr Dienstkonto ist nicht mehr aktiv. Bitte melden Sie sich erneut an."]
    assert not signed_in(client)


def test_a_session_goes_on_while_the_directory_cannot_be_reached(client, directory, settings):
    put_person(directory, "sub-anna-10", **ANNA)
    sign_in(client, "sub-anna-10")
    settings.OIDC_RECHECK_SECONDS = 0
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://localhost:9/oauth2/token"  # nothing listens there
    assert signed_in(client)


def test_an_account_deactivated_in_the_app_loses_its_session(client, directory):
    put_person(directory, "sub-anna-11", **ANNA)
    sign_in(client, "sub-anna-11")
    User.objects.filter(username="abecker").update(is_active=False)
    assert not signed_in(client)
    client.post(reverse("logout"))
    refused = sign_in(client, "sub-anna-11")
    assert messages_of(refused) == [TokenRejected("inactive").message]


def test_the_providers_second_factor_counts_when_configured(client, directory, settings):
    settings.SECOND_FACTOR_ROLES = ["Fachkraft"]
    settings.OIDC_SECOND_FACTOR_AMR = ["mfa", "otp"]
    put_person(directory, "sub-anna-12", **ANNA, amr=["pwd", "otp"])
    sign_in(client, "sub-anna-12")
    assert signed_in(client)
    client.post(reverse("logout"))
    put_person(directory, "sub-anna-12", **ANNA, amr=["pwd"])  # password only at the provider
    sign_in(client, "sub-anna-12")
    assert client.get(reverse("home"))["Location"] == reverse("second_factor_setup")


def test_passwords_off_leave_only_the_break_glass_account(client, directory, settings, caseworker):
    settings.PASSWORD_SIGN_IN = False
    settings.BREAK_GLASS_ACCOUNTS = ["notfall"]
    caseworker.set_password("ein-langes-Passwort-2026")
    caseworker.save()
    refused = client.post(reverse("login"), {"username": caseworker.username, "password": "ein-langes-Passwort-2026"})
    assert refused.status_code == 200
    assert "Bitte melden Sie sich mit Ihrem Dienstkonto an" in refused.content.decode()
    assert not signed_in(client)
    # The backend refuses too, whatever form asks it.
    attempt = RequestFactory().post(reverse("login"))
    assert authenticate(attempt, username=caseworker.username, password="ein-langes-Passwort-2026") is None

    notfall = User.objects.create_user("notfall", password="Notfall-Passwort-2026", is_staff=True)
    page = client.get(reverse("login")).content.decode()
    assert "Mit Dienstkonto anmelden" in page and "Notfallzugang" in page
    client.post(reverse("login"), {"username": "notfall", "password": "Notfall-Passwort-2026"})
    assert client.session.get("_auth_user_id") == str(notfall.pk)
    assert AuditEvent.objects.filter(action="sign_in", user_id=notfall.pk, details__break_glass=True).exists()


def test_without_a_configured_directory_the_password_sign_in_is_all_there_is(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "Dienstkonto" not in page and 'name="password"' in page
    assert client.get(reverse("directory_sign_in")).status_code == 404
    assert client.get(reverse("directory_callback")).status_code == 404


def test_signing_out_ends_the_session_at_the_provider_too(client, directory):
    put_person(directory, "sub-anna-13", **ANNA)
    sign_in(client, "sub-anna-13")
    response = client.post(reverse("logout"))
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{directory}/oauth2/end_session"
    query = parse_qs(target.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/anmelden/"]
    assert jwt.decode(query["id_token_hint"][0], options={"verify_signature": False})["sub"] == "sub-anna-13"
    assert not signed_in(client)


def test_sign_in_settings_that_would_lock_everyone_out_stop_the_start(settings):
    settings.PASSWORD_SIGN_IN = False
    assert [error.id for error in sign_in_check()] == ["sozialraum.E003"]
    settings.DIRECTORY_SIGN_IN, settings.OIDC_OP_TOKEN_ENDPOINT = True, ""
    settings.BREAK_GLASS_ACCOUNTS = ["notfall"]
    assert [error.id for error in sign_in_check()] == ["sozialraum.E002"]
