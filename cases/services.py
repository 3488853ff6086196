"""Changes to case data. Each function is one transaction and writes its audit events;
views call these and never save case models themselves."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import REFERRAL_NEXT_STATUS, ReferralStatus
from cases.models import Activity, Case, CaseNumberSequence, Consent, Goal, Person, Referral, Resource
from networks.models import Offer, Partner
from sozialraum import audit
from sozialraum.formats import format_date, format_datetime
from sozialraum.models import AuditAction, AuditEvent
from sozialraum.types import Staff

# Cases and goals carry a version; goals, resources and consents belong to a case.
Versioned = TypeVar("Versioned", Case, Goal)
CasePart = TypeVar("CasePart", Goal, Resource, Consent)


@dataclass
class EditConflict(Exception):
    """Someone saved the same object after the user loaded it."""

    changed_fields: list[str]
    changed_by: str
    current_version: int

    def message(self) -> str:
        fields = ", ".join(self.changed_fields) or _("unknown fields")
        return _(
            "%(user)s saved this record after you opened it and changed: %(fields)s. Nothing of yours has been "
            "saved yet. Your input is kept below; check the current values and save again."
        ) % {"user": self.changed_by or _("someone"), "fields": fields}


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


def field_names(model: type[Model], names: Iterable[str]) -> list[str]:
    return [str(getattr(model._meta.get_field(name), "verbose_name", name)) for name in names]


def changed_field_names(old: Model, new_values: dict) -> list[str]:
    return [name for name, value in new_values.items() if getattr(old, name) != value]


@transaction.atomic
def open_case(user: Staff, case: Case, main_person: Person) -> Case:
    case.reference = next_reference(case)
    case.save()
    main_person.case = case
    main_person.save()
    audit.log(user, AuditAction.CREATE, case, case_id=case.pk, details={"version": case.version})
    audit.log(user, AuditAction.CREATE, main_person, case_id=case.pk)
    return case


def conflict_since(obj: Any, seen_version: int) -> EditConflict:
    updates = AuditEvent.objects.filter(
        object_type=audit.object_type_of(obj),
        object_id=obj.pk,
        action=AuditAction.UPDATE,
        details__version__gt=seen_version,
    ).order_by("occurred_at")
    names: list[str] = []
    last_user = ""
    for event in updates:
        names += [name for name in event.changed_fields if name not in names]
        last_user = event.username
    return EditConflict(field_names(type(obj), names), last_user, obj.version)


@transaction.atomic
def save_versioned(user: Staff, obj: Versioned, new_values: dict, seen_version: int, case_id: int) -> Versioned:
    """Apply the user's values unless someone saved in between (no lost updates)."""
    current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if current.version != seen_version:
        raise conflict_since(current, seen_version)
    changed = changed_field_names(current, new_values)
    for name, value in new_values.items():
        setattr(current, name, value)
    current.version += 1
    current.save()
    audit.log(
        user, AuditAction.UPDATE, current, case_id=case_id, changed_fields=changed, details={"version": current.version}
    )
    return current


@transaction.atomic
def save_person(user: Staff, person: Person, new_values: dict | None = None) -> Person:
    creating = person.pk is None
    changed = [] if creating else changed_field_names(Person.objects.get(pk=person.pk), new_values or {})
    for name, value in (new_values or {}).items():
        setattr(person, name, value)
    person.save()
    action = AuditAction.CREATE if creating else AuditAction.UPDATE
    audit.log(user, action, person, case_id=person.case_id, changed_fields=changed)
    return person


@transaction.atomic
def add_to_case(user: Staff, obj: CasePart) -> CasePart:
    """Create a goal, resource or consent of a case."""
    obj.save()
    audit.log(user, AuditAction.CREATE, obj, case_id=obj.case_id)
    return obj


@transaction.atomic
def delete_resource(user: Staff, resource: Resource) -> None:
    audit.log(user, AuditAction.DELETE, resource, case_id=resource.case_id)
    resource.delete()


@transaction.atomic
def withdraw_consent(user: Staff, consent: Consent) -> Consent:
    """Takes effect at once: the next query no longer counts the consent as active."""
    updated = Consent.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    consent.refresh_from_db()
    if updated:
        audit.log(user, AuditAction.WITHDRAW, consent, case_id=consent.case_id, changed_fields=["withdrawn_at"])
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
    return referral


class InvalidTransition(Exception):
    """A referral's status moves only forward: proposed → accepted → started → completed (or declined)."""


@transaction.atomic
def update_referral(user: Staff, referral: Referral, status: str, outcome: str) -> Referral:
    # The stored row, locked: the form has already put the new values on the instance it got.
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    if status != current.status and status not in REFERRAL_NEXT_STATUS[ReferralStatus(current.status)]:
        raise InvalidTransition(
            _("A referral that is “%(current)s” cannot become “%(new)s”.")
            % {"current": current.get_status_display(), "new": ReferralStatus(status).label}
        )
    changed = changed_field_names(current, {"status": status, "outcome": outcome})
    Referral.objects.filter(pk=referral.pk).update(status=status, outcome=outcome, updated_at=timezone.now())
    referral.refresh_from_db()
    audit.log(user, AuditAction.UPDATE, referral, case_id=referral.case_id, changed_fields=changed)
    return referral


@transaction.atomic
def offer_as_resource(user: Staff, case: Case, offer: Offer) -> Resource:
    resource = Resource(case=case, kind="district", description=f"{offer.title} ({offer.partner.name})"[:300])
    return add_to_case(user, resource)
