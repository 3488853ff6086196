"""A name search lives in the session, never in a URL (names are social data). The redirect after
the POST carries only an opaque token; the list applies the name while that token is in its
address (paging, filtering) and forgets it when the user leaves the list and comes back."""

import secrets

from django.http import HttpRequest

SESSION_KEY = "case_name_search"
TOKEN_PARAMETER = "suche"
MAX_LENGTH = 80


def start(request: HttpRequest, name: str) -> str:
    """Remember the name and return the token for the list's address."""
    token = secrets.token_urlsafe(9)
    request.session[SESSION_KEY] = {"token": token, "name": name.strip()[:MAX_LENGTH]}
    return token


def active_name(request: HttpRequest) -> str:
    """The name searched for, if the request's address carries the current token."""
    stored = request.session.get(SESSION_KEY)
    token = request.GET.get(TOKEN_PARAMETER, "")
    if isinstance(stored, dict) and token and secrets.compare_digest(token, str(stored.get("token", ""))):
        return str(stored.get("name", ""))
    return ""


def clear(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
