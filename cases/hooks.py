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

# fn(case) -> {"key": data} — what the app keeps about a case, for the Art. 15 export.
subject_access_sections: Hook[Callable[[Any], dict]] = Hook("subject_access_sections")

# fn(case, limit) -> [TimelineEntry] — the app's entries in a full-access case timeline.
timeline_sources: Hook[Callable[[Any, int], list]] = Hook("timeline_sources")
