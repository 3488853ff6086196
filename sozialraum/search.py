"""The one search box of the top bar. Each app contributes a provider for what it keeps (cases
and persons, partners, networks, offers, districts) and for which roles; sozialraum shows the
groups. Search terms may be names: they travel by POST and stay in the session behind an
opaque token, never in a URL."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.functional import Promise

from sozialraum.hooks import Hook
from sozialraum.roles import Role, roles_of
from sozialraum.session_terms import SessionTerm

MAX_LENGTH = 80


@dataclass(frozen=True)
class SearchHit:
    label: str
    url: str
    detail: str = ""


@dataclass
class SearchGroup:
    title: str | Promise
    hits: list[SearchHit] = field(default_factory=list)


@dataclass(frozen=True)
class SearchProvider:
    """fn(request, term, limit) -> hits, for users with one of the roles."""

    title: str | Promise
    roles: frozenset[Role]
    find: Callable[[HttpRequest, str, int], list[SearchHit]]


search_providers: Hook[SearchProvider] = Hook("search_providers")


def search(request: HttpRequest, term: str, limit: int) -> list[SearchGroup]:
    """The groups with hits that the user's roles may see."""
    roles = roles_of(request.user)
    term = term.strip()[:MAX_LENGTH]
    if not term:
        return []
    groups = []
    for provider in search_providers:
        if roles & provider.roles:
            hits = provider.find(request, term, limit)
            if hits:
                groups.append(SearchGroup(provider.title, hits))
    return groups


# The term of the results page: in the session, behind a token in the address.
SEARCH_TERM = SessionTerm(session_key="global_search", parameter="t", max_length=MAX_LENGTH)
