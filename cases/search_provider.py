"""What the top bar's search finds among cases (registered in CasesConfig.ready): reference
numbers of visible cases and persons of cases the user may read in full. Showing a person's
name is a read of personal data (audit)."""

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from cases.models import Case, Person
from cases.pseudonym import display_case, display_person
from cases.queries import main_persons_prefetch, matching_persons
from sozialraum import audit
from sozialraum.formats import format_date
from sozialraum.search import SearchHit


def find_cases(request: HttpRequest, term: str, limit: int) -> list[SearchHit]:
    if not any(character.isdigit() for character in term):
        return []  # reference numbers carry the year and a number; a name is no reference
    cases = (
        Case.objects.visible_to(request.user)
        .filter(reference__icontains=term.replace(" ", ""))
        .select_related("team__district", "legal_area")
        .prefetch_related(main_persons_prefetch())
        .order_by("-opened_on", "-id")[:limit]
    )
    found = list(cases)
    named = [case for case in found if case.full_access and case.main_persons]
    audit.log_views(request.user, named, case_id_of=lambda case: case.pk)
    return [
        SearchHit(case.reference, case.get_absolute_url(), f"{display_case(case, request.user)} · {case.legal_area}")
        for case in found
    ]


def find_persons(request: HttpRequest, term: str, limit: int) -> list[SearchHit]:
    readable = Case.objects.visible_to(request.user).filter(Q(full_access=True))
    persons = list(
        matching_persons(
            term, Person.objects.filter(case__in=readable.values("pk")), within=Case.objects.in_scope_of(request.user)
        )
        .select_related("case")
        .order_by("-rank", "last_name", "first_name")[:limit]
    )
    audit.log_views(request.user, persons, case_id_of=lambda person: person.case_id)
    return [
        SearchHit(
            display_person(person, full=True),
            person.case.get_absolute_url(),
            " · ".join(
                part
                for part in (
                    person.case.reference,
                    _("born %(date)s") % {"date": format_date(person.birth_date)} if person.birth_date else "",
                    person.get_role_display(),
                )
                if part
            ),
        )
        for person in persons
    ]
