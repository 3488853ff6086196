"""Search terms that may be names (social data) never stand in a URL. A term is kept in the
session; the address carries only an opaque token, and the term applies while that token is
in the address (paging, filtering) — coming back to the page later starts afresh."""

import secrets
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class SessionTerm:
    session_key: str
    parameter: str  # the query parameter that carries the token
    max_length: int = 80

    def remember(self, request: HttpRequest, term: str) -> str:
        """Keep the term; return the token for the address."""
        token = secrets.token_urlsafe(9)
        request.session[self.session_key] = {"token": token, "term": term.strip()[: self.max_length]}
        return token

    def recall(self, request: HttpRequest) -> str:
        """The term, if the request's address carries its current token; else ""."""
        stored = request.session.get(self.session_key)
        token = request.GET.get(self.parameter, "")
        if isinstance(stored, dict) and token and secrets.compare_digest(token, str(stored.get("token", ""))):
            return str(stored.get("term", ""))
        return ""

    def forget(self, request: HttpRequest) -> None:
        request.session.pop(self.session_key, None)
