"""What higher apps (meetings) add to a case without the cases app knowing them (see
sozialraum.hooks). Each hook is filled from the higher app's AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from sozialraum.hooks import Hook, Panel


@dataclass(frozen=True)
class CaseAction:
    """A button on the case page, e.g. "Propose for collegial consultation"; the url name is
    reversed with the case's reference. Shown only to those who may change the case."""

    label: str | Promise
    url_name: str


case_actions: Hook[CaseAction] = Hook("case_actions")
# Blocks on the case page (above its data); the context gets the case (with full_access).
case_panels: Hook[Panel] = Hook("case_panels")

# fn(case_ids) — blank every text the app keeps about these cases (retention, DESIGN §4 rule 5).
erasure_steps: Hook[Callable[[list[int]], None]] = Hook("erasure_steps")


@dataclass(frozen=True)
class SubjectAccessSection:
    """One part of the Art. 15 export: `rows` under `key` in the JSON; in the PDF a table (or,
    with `as_cards`, one block per row) headed `title`, its columns headed by `columns`."""

    key: str
    title: str | Promise
    columns: dict[str, str | Promise]
    rows: list[dict[str, Any]]
    as_cards: bool = False

    def table_rows(self) -> list[list[str]]:
        """The rows as cells in the order of `columns`, for the PDF."""
        return [[cell_text(row.get(key)) for key in self.columns] for row in self.rows]

    def cards(self) -> list[list[tuple[str | Promise, str]]]:
        return [[(label, cell_text(row.get(key))) for key, label in self.columns.items()] for row in self.rows]


def cell_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = ", ".join(str(part) for part in value)
    return "–" if value is None or value == "" else str(value)


# fn(case) -> [SubjectAccessSection] — what the app keeps about a case, for the Art. 15 export.
subject_access_sections: Hook[Callable[[Any], list[SubjectAccessSection]]] = Hook("subject_access_sections")

# fn(case, limit) -> [TimelineEntry] — the app's entries in a full-access case timeline.
timeline_sources: Hook[Callable[[Any, int], list]] = Hook("timeline_sources")

# fn(case_id, previous_caseworker_id, new_caseworker_id) — the case has a new responsible
# caseworker (a change on the case, or an accepted transfer): what higher apps keep for the
# previous one about this case moves along (open action items of its meetings).
responsibility_moved: Hook[Callable[[int, int, int], None]] = Hook("responsibility_moved")
