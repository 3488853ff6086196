"""Changes to case data. Each function is one transaction and writes its audit events;
views call these and never save case models themselves."""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TypeVar

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import follow_ups, help_plan
from cases.constants import REFERRAL_NEXT_STATUS, CaseStatus, ReferralStatus
from cases.hooks import responsibility_moved
from cases.models import (
    Activity,
    Case,
    CaseNumberSequence,
    Consent,
    FollowUpSource,
    Goal,
    Person,
    PhasePeriod,
    Referral,
    Resource,
)
from networks.models import Offer, Partner
from sozialraum import audit
from sozialraum.formats import format_date, format_datetime
from sozialraum.models import AuditAction
from sozialraum.types import Staff
from sozialraum.versioning import save_versioned

# Goals, resources and consents belong to a case.
CasePart = TypeVar("CasePart", Goal, Resource, Consent)


def next_reference(case: Case) -> str:
    """STY-2026-0042: district code, year, running number of that district and year."""
    district = case.team.district
    year = case.opened_on.year
    table = CaseNumberSequence._meta.db_table
    # One statement, safe under concurrency: the row lock of the upsert orders competing cases.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (district_id, year, last_number) VALUES (%s, %s, 1) "
            f"ON CONFLICT (district_id, year) DO UPDATE SET last_number = {table}.last_number + 1 "
            "RETURNING last_number",
            [district.pk, year],
        )
        (number,) = cursor.fetchone()
    return f"{district.code}-{year}-{number:04d}"


@transaction.atomic
def open_case(user: Staff, case: Case, main_person: Person) -> Case:
    case.reference = next_reference(case)
    case.save()
    main_person.case = case
    main_person.save()
    PhasePeriod.objects.create(case=case, phase=case.phase, started_on=case.opened_on)
    help_plan.keep_version(user, case)
    audit.log(user, AuditAction.CREATE, case, case_id=case.pk, details={"version": case.version})
    audit.log(user, AuditAction.CREATE, main_person, case_id=case.pk)
    return case


@transaction.atomic
def add_person(user: Staff, person: Person) -> Person:
    person.save()
    audit.log(user, AuditAction.CREATE, person, case_id=person.case_id)
    return person


@transaction.atomic
def add_to_case(user: Staff, obj: CasePart) -> CasePart:
    """Create a goal, resource or consent of a case."""
    obj.save()
    audit.log(user, AuditAction.CREATE, obj, case_id=obj.case_id)
    refresh_follow_ups(obj)
    if not isinstance(obj, Consent):
        help_plan.keep_version(user, obj.case)
    return obj


# The case records that set follow-ups by themselves (cases.follow_ups).
FOLLOW_UP_SOURCES = {Goal: FollowUpSource.GOAL, Consent: FollowUpSource.CONSENT, Referral: FollowUpSource.REFERRAL}


def refresh_follow_ups(obj: Goal | Consent | Referral | Resource) -> None:
    key = FOLLOW_UP_SOURCES.get(type(obj))
    if key is not None:
        follow_ups.refresh(key, [obj.pk])


@transaction.atomic
def update_case_part(user: Staff, obj: CasePart, values: dict, seen_version: int) -> CasePart:
    """Change a goal (or another versioned part of a case) and the follow-ups it sets."""
    saved = save_versioned(user, obj, values, seen_version, obj.case_id)
    refresh_follow_ups(saved)
    help_plan.keep_version(user, saved.case)
    return saved


@transaction.atomic
def update_case(user: Staff, case: Case, values: dict, seen_version: int) -> Case:
    """Change a case file. A new phase starts a new dated period; a new responsible caseworker
    takes over the open follow-ups of the previous one; a closed case's follow-ups end."""
    before = Case.objects.select_for_update().get(pk=case.pk)
    saved = save_versioned(user, case, values, seen_version, case.pk)
    today = timezone.localdate()
    if saved.phase != before.phase:
        PhasePeriod.objects.filter(case=case, ended_on__isnull=True).update(ended_on=today)
        PhasePeriod.objects.create(case=case, phase=saved.phase, started_on=today)
    if saved.caseworker_id != before.caseworker_id:
        follow_ups.follow_caseworker(case.pk, before.caseworker_id, saved.caseworker_id)
        for move in responsibility_moved:
            move(case.pk, before.caseworker_id, saved.caseworker_id)
    if saved.status == CaseStatus.CLOSED and before.status != CaseStatus.CLOSED:
        PhasePeriod.objects.filter(case=case, ended_on__isnull=True).update(ended_on=saved.closed_on or today)
        follow_ups.settle_case(case.pk)
    elif saved.status == CaseStatus.OPEN and before.status == CaseStatus.CLOSED:
        PhasePeriod.objects.create(case=case, phase=saved.phase, started_on=today)
    follow_ups.refresh_case_records(case.pk)
    help_plan.keep_version(user, saved)
    return saved


@transaction.atomic
def delete_resource(user: Staff, resource: Resource) -> None:
    audit.log(user, AuditAction.DELETE, resource, case_id=resource.case_id)
    resource.delete()
    help_plan.keep_version(user, resource.case)


@transaction.atomic
def withdraw_consent(user: Staff, consent: Consent) -> Consent:
    """Takes effect at once: the next query no longer counts the consent as active."""
    updated = Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    consent.refresh_from_db()
    if updated:
        audit.log(user, AuditAction.WITHDRAW, consent, case_id=consent.case_id, changed_fields=["withdrawn_at"])
        refresh_follow_ups(consent)
    return consent


@transaction.atomic
def log_activity(
    user: Staff, activity: Activity, related_cases: Iterable[Case] = (), partners: Iterable[Partner] = ()
) -> Activity:
    activity.user = user
    activity.save()
    if related_cases:
        activity.related_cases.set(related_cases)
    if partners:
        activity.partners.set(partners)
    case_id = activity.case_id
    audit.log(user, AuditAction.CREATE, activity, case_id=case_id)
    return activity


class MissingConsent(Exception):
    """A referral would hand personal data to a partner that no active consent names."""

    def __init__(self, referral: Referral) -> None:
        partner = referral.partner
        lapsed = (
            Consent.objects.filter(case=referral.case_id)
            .covering_partner(partner)
            .exclude(pk__in=Consent.objects.active().values("pk"))
        )
        text = _(
            "This referral hands personal data to “%(partner)s”. An active consent (Schweigepflichtentbindung) "
            "naming “%(partner)s” or partners of the kind “%(kind)s” is missing."
        ) % {"partner": partner.name, "kind": partner.get_kind_display()}
        for consent in lapsed:
            if consent.withdrawn_at:
                when = format_datetime(consent.withdrawn_at)
                text += " " + _("The consent given on %(given)s was withdrawn on %(when)s.") % {
                    "given": format_date(consent.given_on),
                    "when": when,
                }
            elif consent.valid_until and consent.valid_until < timezone.localdate():
                text += " " + _("The consent given on %(given)s expired on %(until)s.") % {
                    "given": format_date(consent.given_on),
                    "until": format_date(consent.valid_until),
                }
        super().__init__(text)


@transaction.atomic
def refer(user: Staff, referral: Referral) -> Referral:
    """Record a referral; refused without an active consent when personal data go to the partner."""
    if referral.hands_over_personal_data:
        covering = Consent.objects.filter(case=referral.case_id).covering_partner(referral.partner).active()
        if not covering.exists():
            raise MissingConsent(referral)
    referral.created_by = user
    referral.save()
    audit.log(user, AuditAction.CREATE, referral, case_id=referral.case_id)
    refresh_follow_ups(referral)
    return referral


class InvalidTransition(Exception):
    """A referral's status moves only forward: proposed → accepted → started → completed (or declined)."""


@transaction.atomic
def update_referral(user: Staff, referral: Referral, status: str, outcome: str, seen_version: int) -> Referral:
    # The stored row, locked: the form has already put the new values on the instance it got.
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    moves = current.version == seen_version and status != current.status
    if moves and status not in REFERRAL_NEXT_STATUS[ReferralStatus(current.status)]:
        raise InvalidTransition(
            _("A referral that is “%(current)s” cannot become “%(new)s”.")
            % {"current": current.get_status_display(), "new": ReferralStatus(status).label}
        )
    saved = save_versioned(user, current, {"status": status, "outcome": outcome}, seen_version, referral.case_id)
    refresh_follow_ups(saved)
    return saved


@transaction.atomic
def offer_as_resource(user: Staff, case: Case, offer: Offer) -> Resource:
    resource = Resource(case=case, kind="district", description=f"{offer.title} ({offer.partner.name})"[:300])
    return add_to_case(user, resource)


class NotCorrectable(Exception):
    """Logged work is corrected only by its author, and only in the recent months."""


def correctable_since(today: date | None = None) -> date:
    """The first day of the oldest month whose work can still be corrected (the current month
    and WORK_LOG_EDITABLE_MONTHS before it): the team's figures of older months stay as reported."""
    day = (today or timezone.localdate()).replace(day=1)
    for _month in range(settings.WORK_LOG_EDITABLE_MONTHS):
        day = (day - timedelta(days=1)).replace(day=1)
    return day


def ensure_correctable(user: Staff, activity: Activity, new_date: date | None = None) -> None:
    since = correctable_since()
    if activity.user_id != user.pk:
        raise NotCorrectable(_("Only the person who logged this work can correct it."))
    if activity.date < since or (new_date is not None and new_date < since):
        raise NotCorrectable(
            _("Work from before %(since)s can no longer be corrected; the figures of those months stand.")
            % {"since": format_date(since)}
        )


@transaction.atomic
def correct_activity(user: Staff, activity: Activity, values: dict, seen_version: int) -> Activity:
    """Change an own entry of the work log (values may hold `related_cases` and `partners` as lists)."""
    ensure_correctable(user, activity, values.get("date"))
    return save_versioned(user, activity, values, seen_version, activity.case_id)


@transaction.atomic
def delete_activity(user: Staff, activity: Activity) -> bool:
    """Delete an own entry; a second click finds it gone and changes nothing."""
    current = Activity.objects.select_for_update().filter(pk=activity.pk).first()
    if current is None:
        return False
    ensure_correctable(user, current)
    audit.log(user, AuditAction.DELETE, current, case_id=current.case_id)
    current.delete()
    return True
