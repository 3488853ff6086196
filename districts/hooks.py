"""What higher apps add to the districts app's pages (see sozialraum.hooks)."""

from dataclasses import dataclass

from django.utils.functional import Promise

from sozialraum.hooks import Hook


@dataclass(frozen=True)
class TeamLink:
    """A link shown beside a team on the start page, e.g. "Team work figures" (cases)."""

    label: str | Promise
    url_name: str  # reversed with the team's id
    leading_only: bool = True  # only for the team's lead and deputy


team_links: Hook[TeamLink] = Hook("team_links")
