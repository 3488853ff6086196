"""Four-eyes grants (DESIGN §4 rule 9): a role that opens case files or the audit trail, and
every team membership, is asked for by one administrator and given only when a second one
approves. Nobody asks for themselves, nobody approves their own request or a grant to themselves.
Requests, approvals, rejections and refusals are all in the audit trail."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districts.models import AccessRequest, AccessRequestStatus, Membership, ServiceArea, Team
from sozialraum import audit
from sozialraum.models import AuditAction
from sozialraum.roles import ADMINISTRATION_ROLES, has_role


class AccessRequestRefused(Exception):
    """The change cannot be asked for or decided; the message says why, in German."""


@dataclass(frozen=True)
class WantedAccess:
    """What is asked for: a role, or a membership of a team."""

    group: Group | None = None
    team: Team | None = None
    membership_role: str = ""
    service_area: ServiceArea | None = None

    def details(self) -> dict[str, Any]:
        if self.group is not None:
            return {"role": self.group.name}
        return {
            "team": self.team.pk if self.team else None,
            "team_name": str(self.team),
            "membership_role": self.membership_role,
            "service_area": self.service_area.pk if self.service_area else None,
        }


def request_details(access_request: AccessRequest) -> dict[str, Any]:
    wanted = WantedAccess(
        access_request.group, access_request.team, access_request.membership_role, access_request.service_area
    )
    return {"account": access_request.user.get_username(), **wanted.details()}


def already_granted(user: Any, wanted: WantedAccess) -> bool:
    if wanted.group is not None:
        return user.groups.filter(pk=wanted.group.pk).exists()
    return Membership.objects.filter(
        user=user, team=wanted.team, role=wanted.membership_role, service_area=wanted.service_area
    ).exists()


def request_access(requested_by: Any, user: Any, wanted: WantedAccess, reason: str = "") -> AccessRequest:
    """Record the request, or refuse it (audited) when someone asks for their own access."""
    if user.pk == requested_by.pk:
        audit.log(requested_by, AuditAction.REFUSE, user, details={"account": user.get_username(), **wanted.details()})
        raise AccessRequestRefused(
            _("You cannot ask for access for yourself: another administrator has to request it.")
        )
    if already_granted(user, wanted):
        raise AccessRequestRefused(_("%(user)s already has this access.") % {"user": user.get_full_name() or user})
    try:
        with transaction.atomic():
            access_request = AccessRequest.objects.create(
                user=user,
                group=wanted.group,
                team=wanted.team,
                membership_role=wanted.membership_role if wanted.team else "",
                service_area=wanted.service_area if wanted.team else None,
                reason=reason,
                requested_by=requested_by,
            )
    except IntegrityError:
        raise AccessRequestRefused(_("This change has already been requested and waits for approval.")) from None
    audit.log(requested_by, AuditAction.REQUEST, access_request, details=request_details(access_request))
    return access_request


def refuse_decision(access_request: AccessRequest, decider: Any) -> str | None:
    """Why `decider` may not decide this request, or None."""
    if not access_request.is_pending:
        return _("This request has already been decided.")
    if not has_role(decider, *ADMINISTRATION_ROLES):
        return _("Only administrators decide access requests.")
    if decider.pk == access_request.requested_by_id:
        return _("A second person has to approve your own request.")
    if decider.pk == access_request.user_id:
        return _("You cannot decide on access for yourself.")
    return None


@transaction.atomic
def decide(access_request_id: int, decider: Any, approve: bool) -> AccessRequest:
    """Approve (grant now) or reject an open request. The row is locked, so a double click or two
    administrators at once decide it once."""
    access_request = (
        AccessRequest.objects.select_for_update(of=("self",))
        .select_related("user", "group", "team")
        .get(pk=access_request_id)
    )
    refusal = refuse_decision(access_request, decider)
    if refusal:
        raise AccessRequestRefused(refusal)
    if approve:
        grant(access_request)
    access_request.status = AccessRequestStatus.APPROVED if approve else AccessRequestStatus.REJECTED
    access_request.decided_by = decider
    access_request.decided_at = timezone.now()
    access_request.save(update_fields=["status", "decided_by", "decided_at"])
    action = AuditAction.APPROVE if approve else AuditAction.REJECT
    audit.log(decider, action, access_request, details=request_details(access_request))
    return access_request


def grant(access_request: AccessRequest) -> None:
    """The change itself; the role and membership signals audit it as well."""
    if access_request.group is not None:
        access_request.user.groups.add(access_request.group)
        return
    Membership.objects.update_or_create(
        user=access_request.user,
        team=access_request.team,
        defaults={"role": access_request.membership_role, "service_area": access_request.service_area},
    )
