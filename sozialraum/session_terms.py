"""Search terms that may be names (social data) never stand in a URL. A term is kept in the
session; the address carries only an opaque token, and the term applies while that token is
in the address (paging, filtering) — coming back to the page later starts afresh."""

import secrets
from dataclasses import dataclass

from django.http import HttpRequest

# Every SessionTerm's session key, so erasure can remove the terms from all sessions.
SESSION_TERM_KEYS: set[str] = set()


def forget_terms_in_all_sessions() -> int:
    """Remove the kept search terms (they may be names) from every session and delete expired
    sessions; returns how many sessions held a term. Part of the erasure (DESIGN §4 rule 5)."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.filter(expire_date__lt=timezone.now()).delete()
    store = Session.get_session_store_class()
    cleaned = 0
    for session in Session.objects.all().iterator():
        data = session.get_decoded()
        if SESSION_TERM_KEYS & data.keys():
            for key in SESSION_TERM_KEYS:
                data.pop(key, None)
            Session.objects.filter(pk=session.pk).update(session_data=store().encode(data))
            cleaned += 1
    return cleaned


@dataclass(frozen=True)
class SessionTerm:
    session_key: str
    parameter: str  # the query parameter that carries the token
    max_length: int = 80

    def __post_init__(self) -> None:
        SESSION_TERM_KEYS.add(self.session_key)

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
