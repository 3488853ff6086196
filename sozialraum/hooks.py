"""Hooks: how a lower app lets higher apps add to its work without knowing them.

The dependencies point one way (districts ← networks ← cases ← meetings ← reports, with
`sozialraum` below them all). Where a lower app must include what a higher app holds — the
meeting records of a case in its erasure, the action items on the home page — the lower app
declares a `Hook` and the higher app registers into it from its `AppConfig.ready()`.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.http import HttpRequest
from django.template.loader import render_to_string

Entry = TypeVar("Entry")


class Hook(Generic[Entry]):
    """An ordered list of entries (functions or small records) that higher apps register."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: list[tuple[int, Entry]] = []

    def register(self, entry: Entry, *, order: int = 100) -> Entry:
        """Add an entry once (registering the same entry again changes nothing); lower order comes first."""
        if all(existing is not entry for _, existing in self._entries):
            self._entries.append((order, entry))
            self._entries.sort(key=lambda pair: pair[0])
        return entry

    def __iter__(self) -> Iterator[Entry]:
        return iter([entry for _, entry in self._entries])

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._entries)} entries>"


@dataclass(frozen=True)
class Panel:
    """A block a higher app adds to a lower app's page: its template and its context, computed
    from the page's object (a case, a partner, an offer) and the request."""

    template: str
    context: Callable[[Any, HttpRequest], dict]


def render_panels(panels: Iterable[Panel], obj: Any, request: HttpRequest) -> list[str]:
    return [render_to_string(panel.template, panel.context(obj, request), request) for panel in panels]


def registering(hook: Hook, *, order: int = 100) -> Callable[[Entry], Entry]:
    """Decorator form of `hook.register`."""

    def decorator(entry: Entry) -> Entry:
        return hook.register(entry, order=order)

    return decorator
