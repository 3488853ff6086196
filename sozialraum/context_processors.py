from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sozialraum.roles import (
    ADMINISTRATION_ROLES,
    ALL_ROLES,
    CALENDAR_ROLES,
    CASE_WORK_ROLES,
    DIRECTORY_EDITOR_ROLES,
    DIRECTORY_READER_ROLES,
    REPORT_ROLES,
    roles_of,
)

# (label, url name, roles that see the entry). Only pages that exist are listed.
NAVIGATION = [
    (_("Start"), "home", ALL_ROLES),
    (_("Cases"), "cases:case_list", CASE_WORK_ROLES),
    (_("Work log"), "cases:activity_list", CASE_WORK_ROLES),
    (_("Calendar"), "meetings:calendar_year", CALENDAR_ROLES),
    (_("Offers"), "networks:offer_list", DIRECTORY_READER_ROLES),
    (_("Partners"), "networks:partner_list", DIRECTORY_READER_ROLES),
    (_("Networks"), "networks:network_list", DIRECTORY_READER_ROLES),
    (_("Upkeep"), "networks:upkeep", DIRECTORY_EDITOR_ROLES),
    (_("Reports"), "reports:report", REPORT_ROLES),
    (_("Districts"), "districts:municipality_list", ALL_ROLES),
    (_("Administration"), "admin:index", ADMINISTRATION_ROLES),
]


# Pages that belong to a navigation entry without living under its address.
ALSO_ACTIVE_UNDER = {"districts:municipality_list": ["/sozialraeume/"], "meetings:calendar_year": ["/sitzungen/"]}


def navigation(request):
    roles = roles_of(request.user)
    if not roles:
        return {"navigation": [], "user_roles": [], "may_log_work": False, "may_edit_directory": False}
    path = request.path
    entries = []
    for label, url_name, allowed in NAVIGATION:
        if not roles & allowed:
            continue
        if url_name == "home" and roles & CASE_WORK_ROLES:
            label = _("My work")
        url = reverse(url_name)
        prefixes = [url, *ALSO_ACTIVE_UNDER.get(url_name, [])]
        active = path == url if url == "/" else any(path.startswith(prefix) for prefix in prefixes)
        entries.append({"label": label, "url": url, "active": active})
    return {
        "navigation": entries,
        "user_roles": sorted(role.label for role in roles),
        "may_log_work": bool(roles & CASE_WORK_ROLES),
        "may_edit_directory": bool(roles & DIRECTORY_EDITOR_ROLES),
    }
