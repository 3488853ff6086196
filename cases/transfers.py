"""Zuständigkeitswechsel: handing a case to another team. The sending side asks, the receiving
team's lead accepts (naming the new responsible caseworker) or declines with a reason; until
then nothing moves. On acceptance the case, its open follow-ups and the action items about it
move; the reference number stays; visibility follows the new team (Case.objects.visible_to).
Consents that named the old team stay as they were: they do not cover the new team."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import follow_ups
from cases.constants import CaseStatus
from cases.hooks import responsibility_moved
from cases.models import Case, CaseTransfer, FollowUp, TransferStatus
from districts.models import ServiceArea, Team
from sozialraum import audit
from sozialraum.models import AuditAction
from sozialraum.types import Staff


def receiving_teams(case: Case) -> QuerySet[Team]:
    """Every other team: the person may have moved to another district or town of the installation."""
    return Team.objects.exclude(pk=case.team_id).select_related("district").order_by("district__name", "name")


def may_decide(user: Staff, transfer: CaseTransfer) -> bool:
    return Team.objects.led_by(user).filter(pk=transfer.to_team_id).exists()


def pending_for(user: Staff) -> QuerySet[CaseTransfer]:
    """Transfers waiting for a team the user leads."""
    return (
        CaseTransfer.objects.filter(status=TransferStatus.PENDING, to_team__in=Team.objects.led_by(user))
        .select_related("case__legal_area", "case__team__district", "from_team__district", "to_team", "requested_by")
        .order_by("requested_at")
    )


def new_caseworkers(transfer: CaseTransfer) -> QuerySet:
    """Members of the receiving team who work in the case's legal area."""
    return (
        get_user_model()
        .objects.filter(
            memberships__team=transfer.to_team_id,
            memberships__service_area__legal_area=transfer.case.legal_area_id,
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


@transaction.atomic
def request_transfer(user: Staff, case: Case, to_team: Team, reason: str) -> CaseTransfer:
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("Only an open case can be handed over."))
    if not receiving_teams(case).filter(pk=to_team.pk).exists():
        raise ValidationError(_("Choose another team."))
    Case.objects.select_for_update().filter(pk=case.pk).first()  # two requests at once: one waits
    if CaseTransfer.objects.filter(case=case, status=TransferStatus.PENDING).exists():
        raise ValidationError(_("A handover of this case is already waiting for a decision."))
    transfer = CaseTransfer.objects.create(
        case=case, from_team=case.team, to_team=to_team, reason=reason, requested_by=user
    )
    audit.log(user, AuditAction.CREATE, transfer, case_id=case.pk, details={"to_team": to_team.pk})
    return transfer


def decide(transfer_id: int, user: Staff) -> CaseTransfer:
    transfer = CaseTransfer.objects.select_for_update().select_related("case").get(pk=transfer_id)
    if transfer.status != TransferStatus.PENDING:
        raise ValidationError(_("This handover has been decided already."))
    return transfer


@transaction.atomic
def accept(user: Staff, transfer: CaseTransfer, caseworker: Staff, service_area: ServiceArea) -> Case:
    transfer = decide(transfer.pk, user)
    if not may_decide(user, transfer):
        raise PermissionDenied
    if not new_caseworkers(transfer).filter(pk=caseworker.pk).exists():
        raise ValidationError(_("The new caseworker must work in the case's legal area in the receiving team."))
    if service_area.legal_area_id != transfer.case.legal_area_id:
        raise ValidationError(_("The service area must belong to the case's legal area."))
    case = Case.objects.select_for_update().get(pk=transfer.case_id)
    previous = case.caseworker_id
    Case.objects.filter(pk=case.pk).update(
        team=transfer.to_team_id, caseworker=caseworker, service_area=service_area, version=F("version") + 1
    )
    # Every open follow-up of the case goes to the new caseworker: the old team no longer sees it.
    FollowUp.objects.open().filter(case=case).update(owner=caseworker, version=F("version") + 1)
    for move in responsibility_moved:
        move(case.pk, previous, caseworker.pk)
    CaseTransfer.objects.filter(pk=transfer.pk).update(
        status=TransferStatus.ACCEPTED, decided_by=user, decided_at=timezone.now()
    )
    audit.log(user, AuditAction.UPDATE, transfer, case_id=case.pk, changed_fields=["status"])
    audit.log(
        user,
        AuditAction.UPDATE,
        case,
        case_id=case.pk,
        changed_fields=["team", "caseworker", "service_area"],
        details={"from_team": transfer.from_team_id, "to_team": transfer.to_team_id},
    )
    case.refresh_from_db()
    follow_ups.refresh_case_records(case.pk)
    return case


@transaction.atomic
def decline(user: Staff, transfer: CaseTransfer, reason: str) -> CaseTransfer:
    transfer = decide(transfer.pk, user)
    if not may_decide(user, transfer):
        raise PermissionDenied
    CaseTransfer.objects.filter(pk=transfer.pk).update(
        status=TransferStatus.DECLINED, decided_by=user, decided_at=timezone.now(), decline_reason=reason[:300]
    )
    audit.log(user, AuditAction.UPDATE, transfer, case_id=transfer.case_id, changed_fields=["status"])
    transfer.refresh_from_db()
    return transfer


@transaction.atomic
def cancel(user: Staff, transfer: CaseTransfer) -> bool:
    updated = CaseTransfer.objects.filter(pk=transfer.pk, status=TransferStatus.PENDING).update(
        status=TransferStatus.CANCELLED, decided_by=user, decided_at=timezone.now()
    )
    if updated:
        audit.log(user, AuditAction.UPDATE, transfer, case_id=transfer.case_id, changed_fields=["status"])
    return bool(updated)
