"""A real OpenID Connect provider on loopback for the sign-in tests (oidc-provider-mock: Authlib's
authorization server with a form that asks for the subject instead of a password). It signs
its tokens with its own RSA key, checks PKCE, issues refresh tokens and can revoke them."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import quote, urlsplit

import httpx
import oidc_provider_mock

CLIENT_ID = "sozialraum"
CLIENT_SECRET = "nur-fuer-tests"


@contextmanager
def running_provider(**options) -> Iterator[str]:
    """The provider's issuer URL while it runs (options: oidc_provider_mock.run_server_in_thread's)."""
    with oidc_provider_mock.run_server_in_thread(**options) as server:
        yield f"http://localhost:{server.server_port}"


@contextmanager
def expired_tokens_provider() -> Iterator[str]:
    """A provider whose ID tokens expired an hour before they were issued (a replayed old token)."""
    with running_provider(access_token_max_age=timedelta(hours=-1)) as issuer:
        yield issuer


def configure(settings, issuer: str, **overrides) -> None:
    """Switch the app's directory sign-in on against this provider."""
    values = {
        "DIRECTORY_SIGN_IN": True,
        "OIDC_OP_ISSUER": issuer,
        "OIDC_RP_CLIENT_ID": CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{issuer}/oauth2/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": f"{issuer}/oauth2/token",
        "OIDC_OP_USER_ENDPOINT": f"{issuer}/userinfo",
        "OIDC_OP_JWKS_ENDPOINT": f"{issuer}/jwks",
        "OIDC_OP_LOGOUT_ENDPOINT": f"{issuer}/oauth2/end_session",
        "OIDC_RP_SCOPES": "openid email profile",
    }
    for name, value in {**values, **overrides}.items():
        setattr(settings, name, value)


def put_person(issuer: str, subject: str, **claims) -> None:
    """What the directory knows of a person (name, e-mail, groups, amr …)."""
    response = httpx.put(f"{issuer}/users/{quote(subject, safe='')}", json=claims)
    assert response.status_code == 204, response.text


def revoke(issuer: str, subject: str) -> None:
    """The directory deactivates the person: their access and refresh tokens stop working."""
    assert httpx.post(f"{issuer}/users/{quote(subject, safe='')}/revoke-tokens").status_code == 204


def approve_at_provider(authorize_url: str, subject: str) -> str:
    """What the person does at the provider's page; returns the path and query of our callback."""
    answer = httpx.post(authorize_url, data={"sub": subject})
    assert answer.status_code == 302, answer.text
    callback = urlsplit(answer.headers["location"])
    return f"{callback.path}?{callback.query}"
