"""What users do with follow-ups: set one by hand, tick it off, postpone it, hand it to a
colleague. One transaction each, audited; only the owner acts on a follow-up."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.follow_ups import source
from cases.models import Case, FollowUp, FollowUpSource
from districts.models import Membership
from networks.models import Partner
from sozialraum import audit
from sozialraum.models import AuditAction
from sozialraum.types import Staff
from sozialraum.versioning import save_versioned


def ensure_owner(user: Staff, follow_up: FollowUp) -> None:
    if follow_up.owner_id != user.pk:
        raise PermissionDenied(_("Only its owner can change this follow-up."))


@transaction.atomic
def set_follow_up(
    user: Staff, due_on: date, reason: str = "", case: Case | None = None, partner: Partner | None = None
) -> FollowUp:
    follow_up = FollowUp.objects.create(
        source=FollowUpSource.MANUAL,
        case=case,
        partner=partner,
        owner=user,
        due_on=due_on,
        reason=reason,
        created_by=user,
    )
    audit.log(user, AuditAction.CREATE, follow_up, case_id=follow_up.case_id)
    return follow_up


@transaction.atomic
def mark_done(user: Staff, follow_up: FollowUp) -> bool:
    """Tick it off once (a second click changes nothing); an action item is done with it."""
    ensure_owner(user, follow_up)
    updated = FollowUp.objects.filter(pk=follow_up.pk, done_on__isnull=True).update(
        done_on=timezone.localdate(), version=F("version") + 1
    )
    if not updated:
        return False
    audit.log(user, AuditAction.UPDATE, follow_up, case_id=follow_up.case_id, changed_fields=["done_on"])
    if follow_up.source != FollowUpSource.MANUAL:
        complete = source(follow_up.source).complete
        if complete is not None:
            complete(user, follow_up.source_id)
    return True


@transaction.atomic
def postpone(user: Staff, follow_up: FollowUp, due_on: date, reason: str, seen_version: int) -> FollowUp:
    ensure_owner(user, follow_up)
    values = {"due_on": due_on, "postponed_reason": reason, "done_on": None}
    return save_versioned(user, follow_up, values, seen_version, follow_up.case_id)


def colleagues_of(user: Staff, follow_up: FollowUp | None = None) -> QuerySet:
    """Who a follow-up can go to: members of the user's teams — of the case's team, for a case."""
    teams = Membership.objects.filter(user=user).values("team")
    colleagues = get_user_model().objects.filter(memberships__team__in=teams, is_active=True)
    if follow_up is not None and follow_up.case_id:
        colleagues = colleagues.filter(memberships__team=follow_up.case.team_id)
    return colleagues.exclude(pk=user.pk).distinct().order_by("last_name", "first_name")


@transaction.atomic
def hand_over(user: Staff, follow_up: FollowUp, colleague: Staff, seen_version: int) -> FollowUp:
    ensure_owner(user, follow_up)
    if not colleagues_of(user, follow_up).filter(pk=colleague.pk).exists():
        raise PermissionDenied(_("A follow-up goes only to a colleague of the same team."))
    return save_versioned(user, follow_up, {"owner": colleague}, seen_version, follow_up.case_id)
