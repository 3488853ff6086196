"""Duplicate persons across cases: the warning before a person is created, and merging two
records of the same human (issue 10). Only cases the user may read in full are looked at, so
a warning never tells that a person is a client somewhere else."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet

from cases.models import Case, Person
from cases.queries import matching_persons, search_words
from sozialraum import audit
from sozialraum.models import AuditAction
from sozialraum.types import Staff

# The fields a merge reconciles; role and case stay with each record.
MERGED_FIELDS = ["first_name", "last_name", "birth_date", "sex", "street", "postal_code", "city", "phone"]


def readable_cases(user: Staff) -> QuerySet[Case]:
    return Case.objects.visible_to(user).filter(Q(full_access=True))


def editable_cases(user: Staff) -> QuerySet[Case]:
    return Case.objects.visible_to(user).filter(Q(may_edit=True))


def possible_duplicates(
    user: Staff, first_name: str, last_name: str, birth_date: date | None, *, exclude: Person | None = None
) -> QuerySet[Person]:
    """Persons with a similar first and last name and the same birth date (or none known), in
    cases the user may read in full; closest first."""
    if not search_words(first_name) or not search_words(last_name):
        return Person.objects.none()
    candidates = Person.objects.filter(case__in=readable_cases(user).values("pk"))
    candidates = matching_persons(f"{first_name} {last_name}", candidates, within=Case.objects.in_scope_of(user))
    if birth_date is not None:
        candidates = candidates.filter(Q(birth_date=birth_date) | Q(birth_date__isnull=True))
    if exclude is not None and exclude.pk:
        candidates = candidates.exclude(pk=exclude.pk).exclude(identity=exclude.identity)
    return candidates.select_related("case").order_by("-rank", "last_name")[:10]


def same_person_elsewhere(user: Staff, person: Person) -> QuerySet[Person]:
    """Records merged with this person in other cases the user may read in full."""
    return (
        Person.objects.filter(identity=person.identity, case__in=readable_cases(user).values("pk"))
        .exclude(pk=person.pk)
        .select_related("case")
    )


@dataclass
class MergeField:
    name: str
    label: str
    kept: object
    other: object

    @property
    def differs(self) -> bool:
        return self.kept != self.other


def compare(kept: Person, other: Person) -> list[MergeField]:
    return [
        MergeField(name, str(Person._meta.get_field(name).verbose_name), getattr(kept, name), getattr(other, name))
        for name in MERGED_FIELDS
    ]


@transaction.atomic
def merge(user: Staff, kept: Person, other: Person, take_from_other: set[str]) -> None:
    """Make the two records one person: both get the chosen values and one identity. Neither
    case loses its record, and the audit trail notes the merge on both."""
    kept = Person.objects.select_for_update().get(pk=kept.pk)
    other = Person.objects.select_for_update().get(pk=other.pk)
    values = {name: getattr(other if name in take_from_other else kept, name) for name in MERGED_FIELDS}
    # Records merged with `other` before become the same person too.
    Person.objects.filter(identity=other.identity).exclude(pk=other.pk).update(identity=kept.identity)
    for person, partner in ((kept, other), (other, kept)):
        changed = [name for name, value in values.items() if getattr(person, name) != value]
        for name, value in values.items():
            setattr(person, name, value)
        person.identity = kept.identity
        person.save()
        audit.log(
            user,
            AuditAction.UPDATE,
            person,
            case_id=person.case_id,
            changed_fields=changed + ["identity"],
            details={"merged_with_person": partner.pk, "merged_with_case": partner.case_id},
        )
