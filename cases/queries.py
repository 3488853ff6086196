"""Query pieces the case views, the start page and the meetings share."""

from django.db.models import Prefetch, Q, QuerySet

from cases.constants import PersonRole
from cases.models import Case, Person
from cases.names import name_key


def main_persons_prefetch() -> Prefetch:
    """Each case's main person as `case.main_persons` (a list of none or one), in one query."""
    return Prefetch("persons", queryset=Person.objects.filter(role=PersonRole.MAIN), to_attr="main_persons")


def filter_by_name(queryset: QuerySet[Case], search: str) -> QuerySet[Case]:
    """Each word must begin a first or last name. Only cases the user may read in full:
    a match in a pseudonymised case would tell who is a client."""
    words = name_key(search).split()
    matching = Person.objects.all()
    for word in words:
        matching = matching.filter(Q(first_name_key__startswith=word) | Q(last_name_key__startswith=word))
    # full_access is the annotation of Case.objects.visible_to.
    return queryset.filter(Q(full_access=True), pk__in=matching.values("case_id"))
