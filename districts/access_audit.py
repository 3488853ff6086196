"""Team memberships decide which case files someone reads: every change is audited, in the name
of whoever made it (sozialraum.audit.current_actor)."""

from typing import Any

from sozialraum import audit
from sozialraum.models import AuditAction


def membership_details(membership: Any) -> dict:
    return {
        "account": membership.user.get_username(),
        "team": membership.team_id,
        "role": membership.role,
        "service_area": membership.service_area_id,
    }


def log_membership_saved(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loading fixtures
        return
    action = AuditAction.CREATE if created else AuditAction.UPDATE
    audit.log(audit.current_actor.get(), action, instance, details=membership_details(instance))


def log_membership_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    audit.log(audit.current_actor.get(), AuditAction.DELETE, instance, details=membership_details(instance))
