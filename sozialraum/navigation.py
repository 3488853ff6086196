"""The main navigation and the parts every page carries, filled by the apps from their
AppConfig.ready(): sozialraum itself knows no app's pages (see sozialraum.hooks)."""

from dataclasses import dataclass

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.translation import get_language

from sozialraum.hooks import Hook
from sozialraum.roles import Role


@dataclass(frozen=True)
class NavigationEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[Role]
    # Pages that belong to the entry without living under its address.
    also_active_under: tuple[str, ...] = ()


@dataclass(frozen=True)
class PagePart:
    """A template every page includes for these roles: in the top bar, or at the end of the body
    (e.g. the quick "Log work" button and its dialog)."""

    template: str
    roles: frozenset[Role]


navigation_entries: Hook[NavigationEntry] = Hook("navigation_entries")
top_bar_parts: Hook[PagePart] = Hook("top_bar_parts")
page_end_parts: Hook[PagePart] = Hook("page_end_parts")


_addresses: dict[tuple, dict[str, str]] = {}


def addresses() -> dict[str, str]:
    """URL name → reverse(name), for pages without arguments, kept per process: the navigation
    reversed a dozen addresses on every page (0.15 ms). They change only with the URL
    configuration, the script prefix and the language: one dict for each."""
    return _addresses.setdefault((get_urlconf(), get_script_prefix(), get_language()), {})


def address_of(url_name: str, kept: dict[str, str]) -> str:
    if url_name not in kept:
        kept[url_name] = reverse(url_name)
    return kept[url_name]
