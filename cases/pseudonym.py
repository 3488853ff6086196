"""How a case and its persons appear to a reader: named, or pseudonymised (DESIGN §4 rules 1 and 2).

Every output that shows a case outside its own file — the case list, "Meine Arbeit", agendas,
consultation records, meeting packs, minutes and mails — asks this module; no template decides
by itself what a pseudonymised case looks like.

    display_case(case, for_user: Visitor)       a case from Case.objects.visible_to(user): named if the
                                       user has full access
    display_cases(cases, named_ids)    many cases at once (two queries), named where the caller
                                       (e.g. a meeting with consent and no guest) allows it
    display_person(person, full=...)   "Müller, Erika" or the age band and sex
    free_text(text, case)              what people typed about the case, with the persons' names,
                                       birth dates and streets masked unless the case is shown named

Templates: `{% load pseudonym %}{{ case|case_display:request.user }}`, `{{ case|case_name }}`,
`{{ goal.title|masked:case }}`.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.constants import PersonRole
from cases.masking import mask
from cases.models import Case, Person
from sozialraum.types import Visitor

MISSING = "–"


@dataclass(frozen=True)
class CaseDisplay:
    """A case as one reader may see it."""

    reference: str
    age_band: str
    sex: str
    district: str
    name: str = ""  # "Erika Müller" only where the reader may see it

    @property
    def is_named(self) -> bool:
        return bool(self.name)

    @property
    def pseudonym(self) -> str:
        return f"{self.reference} · {self.age_band} · {self.sex} · {self.district}"

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})" if self.name else self.pseudonym


def main_person_of(case: Case) -> Person | None:
    """The main person, from the `main_persons` prefetch when the caller made it."""
    if hasattr(case, "main_persons"):
        return case.main_persons[0] if case.main_persons else None
    return case.persons.filter(role=PersonRole.MAIN).first()


def _display(case: Case, person: Person | None, named: bool) -> CaseDisplay:
    return CaseDisplay(
        reference=case.reference,
        age_band=person.age_band if person else MISSING,
        sex=person.get_sex_display() if person else MISSING,
        district=case.team.district.name,
        name=f"{person.first_name} {person.last_name}" if named and person else "",
    )


def has_full_access(case: Case, user: Visitor) -> bool:
    """The `full_access` of Case.objects.visible_to(user); asked again if the case came another way."""
    if hasattr(case, "full_access"):
        return bool(case.full_access)
    return Case.objects.visible_to(user).filter(pk=case.pk, full_access=True).exists()


def display_case(case: Case, for_user: Visitor) -> CaseDisplay:
    return _display(case, main_person_of(case), has_full_access(case, for_user))


def display_cases(cases: Iterable[Case], named_ids: Iterable[int] = ()) -> dict[int, CaseDisplay]:
    """Displays of many cases by id, their main persons read in one query; named only where
    the case's id is in `named_ids`."""
    cases = list(cases)
    named = set(named_ids)
    persons = {
        person.case_id: person
        for person in Person.objects.filter(case__in=[case.pk for case in cases], role=PersonRole.MAIN)
    }
    return {case.pk: _display(case, persons.get(case.pk), case.pk in named) for case in cases}


def display_person(person: Person, *, full: bool) -> str:
    if full:
        return f"{person.last_name}, {person.first_name}"
    return _("age band %(band)s, %(sex)s") % {"band": person.age_band, "sex": person.get_sex_display()}


def case_name(case: Case) -> str:
    """The main person's name for a reader with full access (from the visible_to annotation), else ""."""
    if not getattr(case, "full_access", False):
        return ""
    person = main_person_of(case)
    return display_person(person, full=True) if person else ""


def is_shown_named(case: Case | None) -> bool:
    """Whether this output shows the case's names: `shown_named` where the caller decided (a
    meeting: consent and no guest), else the `full_access` of Case.objects.visible_to. Unknown
    means no."""
    if not case:
        return False
    named = getattr(case, "shown_named", None)
    if named is None:
        named = getattr(case, "full_access", False)
    return bool(named)


def free_text(text: str, case: Case | None) -> str:
    """Text typed about `case` as this output may show it (DESIGN §4 rule 2): unchanged where the
    case is shown named, else with its persons' names, birth dates and streets masked."""
    if not text or not case or is_shown_named(case):
        return text
    return mask(text, persons_of(case))


def persons_of(case: Case) -> list[Person]:
    """The case's persons, read once per case object (a page masks many texts of one case)."""
    persons: list[Person] | None = getattr(case, "_masking_persons", None)
    if persons is None:
        persons = list(case.persons.all())
        setattr(case, "_masking_persons", persons)  # noqa: B010  (not a field of the model)
    return persons
