from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sozialraum.navigation import address_of, addresses, navigation_entries, page_end_parts, top_bar_parts
from sozialraum.roles import CASE_WORK_ROLES, DIRECTORY_EDITOR_ROLES, roles_of


def navigation(request):
    """The navigation entries and page parts the apps registered, for the user's roles."""
    roles = roles_of(request.user)
    if not roles:
        return {
            "navigation": [],
            "user_roles": [],
            "top_bar_parts": [],
            "page_end_parts": [],
            "may_edit_directory": False,
        }
    path = request.path
    entries = []
    kept = addresses()
    for entry in navigation_entries:
        if not roles & entry.roles:
            continue
        label = _("My work") if entry.url_name == "home" and roles & CASE_WORK_ROLES else entry.label
        url = address_of(entry.url_name, kept)
        prefixes = [url, *entry.also_active_under]
        active = path == url if url == "/" else any(path.startswith(prefix) for prefix in prefixes)
        entries.append({"label": label, "url": url, "active": active})
    return {
        "navigation": entries,
        "user_roles": sorted(role.label for role in roles),
        "top_bar_parts": [part.template for part in top_bar_parts if roles & part.roles],
        "page_end_parts": [part.template for part in page_end_parts if roles & part.roles],
        "may_edit_directory": bool(roles & DIRECTORY_EDITOR_ROLES),
    }


def session(request):
    """The idle timeout the page's script counts down (signed-in users only)."""
    return {"session_idle_seconds": settings.SESSION_COOKIE_AGE if request.user.is_authenticated else 0}
