from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sozialraum.roles import Role, roles_of

ALL_ROLES = set(Role)

# (label, url name, roles that see the entry). Only pages that exist are listed.
CASE_ROLES = {Role.CASEWORKER, Role.TEAM_LEAD}
DIRECTORY_ROLES = {Role.NETWORK_COORDINATION, Role.CASEWORKER, Role.TEAM_LEAD, Role.PLANNING}

NAVIGATION = [
    (_("Start"), "home", ALL_ROLES),
    (_("Cases"), "cases:case_list", CASE_ROLES),
    (_("Work log"), "cases:activity_list", CASE_ROLES),
    (_("Calendar"), "meetings:calendar_year", CASE_ROLES | {Role.NETWORK_COORDINATION}),
    (_("Offers"), "networks:offer_list", DIRECTORY_ROLES),
    (_("Partners"), "networks:partner_list", DIRECTORY_ROLES),
    (_("Networks"), "networks:network_list", DIRECTORY_ROLES),
    (_("Upkeep"), "networks:upkeep", {Role.NETWORK_COORDINATION}),
    (_("Reports"), "reports:report", {Role.PLANNING}),
    (_("Districts"), "districts:municipality_list", ALL_ROLES),
    (_("Administration"), "admin:index", {Role.ADMINISTRATION}),
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
        if url_name == "home" and roles & CASE_ROLES:
            label = _("My work")
        url = reverse(url_name)
        prefixes = [url, *ALSO_ACTIVE_UNDER.get(url_name, [])]
        active = path == url if url == "/" else any(path.startswith(prefix) for prefix in prefixes)
        entries.append({"label": label, "url": url, "active": active})
    return {
        "navigation": entries,
        "user_roles": sorted(role.label for role in roles),
        "may_log_work": bool(roles & CASE_ROLES),
        "may_edit_directory": Role.NETWORK_COORDINATION in roles,
    }
