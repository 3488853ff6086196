"""The roles of DESIGN §1 and the named sets of them that the apps use.

Each role is a Django group (created by a migration); the group's name is the German UI label,
so the admin shows what users read elsewhere."""

from typing import Any

from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _

from sozialraum.db_backend.base import prepared_statements
from sozialraum.precompiled import Param, Precompiled
from sozialraum.types import Visitor


class Role(models.TextChoices):
    CASEWORKER = "Fachkraft", _("Caseworker")
    TEAM_LEAD = "Sozialraumteamleitung", _("Team lead")
    PLANNING = "Sozialplanung", _("Social planning")
    NETWORK_COORDINATION = "Netzwerk-/Stadtteilkoordination", _("Network coordination")
    ADMINISTRATION = "Administration", _("Administration")
    DATA_PROTECTION = "Datenschutz", _("Data protection")


def role_groups() -> models.QuerySet[Group]:
    """The groups that are roles (a user may be in others, e.g. for the admin)."""
    return Group.objects.filter(name__in=Role.values).order_by()


def roles_of(user: Visitor) -> set[Role]:
    """The roles a user holds, read once per request and cached on the user object."""
    if not user.is_authenticated:
        return set()
    cached: set[Role] | None = getattr(user, "_sozialraum_roles", None)
    if cached is None:
        cached = {Role(name) for name in role_groups().filter(user=user).values_list("name", flat=True)}
        setattr(user, "_sozialraum_roles", cached)  # noqa: B010  (not a field of the user model)
    return cached


def signed_in_user(user_model: Any, user_id: Any) -> Any:
    """The user of a session with its roles read in the same query (an array of its groups'
    names): roles_of() is asked on every page, and its own query was one of the four every
    signed-in request makes. None for an unknown id."""
    if user_model not in USER_WITH_ROLES:
        names = role_groups().filter(user=OuterRef("pk")).values("name")
        USER_WITH_ROLES[user_model] = Precompiled(
            lambda: user_model._default_manager.annotate(role_names=ArraySubquery(names)).filter(pk=Param("id"))
        )
    try:
        user_id = user_model._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    with prepared_statements():  # (by its key: one plan for every user)
        found = USER_WITH_ROLES[user_model].fetch(id=user_id)
    if not found:
        return None
    user = found[0]
    setattr(user, "_sozialraum_roles", {Role(name) for name in user.role_names})  # noqa: B010
    return user


# The query of signed_in_user, per user model (compiled once per process: it runs on every request).
USER_WITH_ROLES: dict[Any, Precompiled] = {}


def has_role(user: Visitor, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))


# The named role sets: every "who may do this" question in the apps is answered by one of these.
ALL_ROLES = frozenset(Role)
# Case work: opening and reading cases, logging work, meetings of teams.
CASE_WORK_ROLES = frozenset({Role.CASEWORKER, Role.TEAM_LEAD})
# Reading the partner, network and offer directory.
DIRECTORY_READER_ROLES = frozenset({Role.NETWORK_COORDINATION, Role.CASEWORKER, Role.TEAM_LEAD, Role.PLANNING})
DIRECTORY_EDITOR_ROLES = frozenset({Role.NETWORK_COORDINATION})
# The meeting calendar: case workers for their teams, coordinators for their networks.
CALENDAR_ROLES = CASE_WORK_ROLES | {Role.NETWORK_COORDINATION}
# The work log: case work, and network coordination for its own district work.
WORK_LOG_ROLES = CASE_WORK_ROLES | {Role.NETWORK_COORDINATION}
# Follow-ups and "Meine Aufgaben": case work, and coordinators for the partners they keep.
FOLLOW_UP_ROLES = CASE_WORK_ROLES | {Role.NETWORK_COORDINATION}
REPORT_ROLES = frozenset({Role.PLANNING})
ADMINISTRATION_ROLES = frozenset({Role.ADMINISTRATION})
# The data protection officer reviews the audit trail: who did what when, never case content.
AUDIT_ROLES = frozenset({Role.DATA_PROTECTION})
# Roles that open case files or the audit trail, or that approve such grants: given only on the
# request of one administrator and the approval of a second (four-eyes, DESIGN §4 rule 9).
FOUR_EYES_ROLES = CASE_WORK_ROLES | ADMINISTRATION_ROLES | AUDIT_ROLES


def does_case_work(user: Visitor) -> bool:
    return has_role(user, *CASE_WORK_ROLES)
