"""Query pieces the case views, the start page, the search and the meetings share."""

from collections.abc import Iterable

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import F, FloatField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.expressions import Combinable, RawSQL
from django.db.models.functions import Greatest

from cases.constants import PersonRole
from cases.models import Case, Person
from sozialraum.expressions import AnyOf
from sozialraum.precompiled import Param, Precompiled
from sozialraum.search_keys import cologne_phonetic, name_key, name_parts
from sozialraum.types import Staff

# Shorter words match by their beginning only: a two-letter trigram or phonetic match is noise.
MIN_FUZZY_LENGTH = 3
MAX_CANDIDATES = 5000


def main_persons_prefetch() -> Prefetch:
    """Each case's main person as `case.main_persons` (a list of none or one), in one query."""
    return Prefetch("persons", queryset=Person.objects.filter(role=PersonRole.MAIN), to_attr="main_persons")


# What a row of cases shows (the case list, the start page's open cases): the rest of a case and
# of its caseworker (timestamps, arrays, the password hash) cost a quarter of the list's time.
CASE_ROW_FIELDS = ("reference", "phase", "status", "opened_on", "caseworker_id")


def for_case_rows(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases with what their rows show and nothing else – district, legal area and
    caseworker as plain values (`district_name`, `legal_area_code`, `caseworker_first_name`,
    `caseworker_last_name`, `caseworker_username`): as related objects they were four more
    model instances per row, half of the rows' time. Names come with with_names."""
    return cases.only(*CASE_ROW_FIELDS).annotate(
        district_name=F("team__district__name"),
        legal_area_code=F("legal_area__code"),
        caseworker_first_name=F("caseworker__first_name"),
        caseworker_last_name=F("caseworker__last_name"),
        caseworker_username=F("caseworker__username"),
    )


# The main persons' names of the cases (the case list, the start page): compiled once per process.
MAIN_PERSON_NAMES = Precompiled(
    lambda: (
        Person.objects.filter(AnyOf(F("case_id"), Param("cases")), role=PersonRole.MAIN)
        .order_by()
        .only("case_id", "first_name", "last_name")
    )
)


def with_names(cases: Iterable[Case]) -> list[Case]:
    """The cases as a list, each with `main_persons` (none or one), read – name only – for the
    cases whose names the reader may see (`full_access` of visible_to): the main person of a
    pseudonymised case never leaves the database."""
    cases = list(cases)
    persons: dict[int, list[Person]] = {}
    named = [case.pk for case in cases if getattr(case, "full_access", False)]
    if named:
        for person in MAIN_PERSON_NAMES.fetch(cases=named):
            persons.setdefault(person.case_id, []).append(person)
    for case in cases:
        setattr(case, "main_persons", persons.get(case.pk, []))  # noqa: B010  (not a field of the model)
    return cases


def search_words(search: str) -> list[str]:
    return name_parts(name_key(search))[:5]


def word_matches(word: str) -> Q:
    """A first or last name that begins with the word, resembles it (trigram word similarity,
    pg_trgm: "hetner" ~ "hettner") or sounds like it (Kölner Phonetik: "muller" ~ "mueller")."""
    match = Q(first_name_key__startswith=word) | Q(last_name_key__startswith=word)
    if len(word) >= MIN_FUZZY_LENGTH:
        match |= Q(first_name_key__trigram_word_similar=word) | Q(last_name_key__trigram_word_similar=word)
        code = cologne_phonetic(word)
        if len(code) >= 2:
            match |= Q(first_name_codes__contains=[code]) | Q(last_name_codes__contains=[code])
    return match


def candidates(words: list[str], within: QuerySet[Case] | None = None) -> QuerySet[Person]:
    """Persons (all cases, or the cases `within`) whose names match every word."""
    match = Q()
    for word in words:
        match &= word_matches(word)
    if within is not None:  # e.g. the cases of the user's teams: fewer candidates to check later
        match &= Q(case__in=within.values("pk"))
    return Person.objects.filter(match)


def candidate_ids(words: list[str], within: QuerySet[Case] | None = None) -> list[int]:
    """The candidates' ids, found through the name indexes alone.

    Asked on its own because joined with the visibility rules and the ranking, PostgreSQL tends
    to read all persons instead (measured: 5 ms here against 140 ms for the joined plan at
    90,000 persons). At most MAX_CANDIDATES: a search that matches more is too unspecific to
    read through anyway."""
    return list(candidates(words, within).values_list("pk", flat=True)[:MAX_CANDIDATES])


def name_rank(words: list[str]) -> Combinable:
    """Summed trigram word similarity of the words to the first or last name; higher is closer."""
    rank: Combinable = Value(0.0, output_field=FloatField())
    for word in words:
        rank = rank + Greatest(
            TrigramWordSimilarity(word, "first_name_key"), TrigramWordSimilarity(word, "last_name_key")
        )
    return rank


def persons_with_ids(ids: list[int], persons: QuerySet[Person] | None = None) -> QuerySet[Person]:
    # One array parameter instead of thousands of placeholders: binding stays cheap for common names.
    persons = Person.objects.all() if persons is None else persons
    return persons.filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", (ids,)))


def matching_persons(
    search: str, persons: QuerySet[Person] | None = None, within: QuerySet[Case] | None = None
) -> QuerySet[Person]:
    """Persons each of whose search words matches their first or last name, with `rank` for
    ordering. Runs the index lookup right away (candidate_ids, among the cases `within` if
    given); the returned queryset narrows `persons` to those."""
    words = search_words(search)
    persons = Person.objects.all() if persons is None else persons
    if not words:
        return persons.none()
    return persons_with_ids(candidate_ids(words, within), persons).annotate(rank=name_rank(words))


def filter_by_name(queryset: QuerySet[Case], search: str, user: Staff) -> QuerySet[Case]:
    """Cases with a matching person, best match first (`name_rank`). Only cases the user may
    read in full (the `full_access` annotation of Case.objects.visible_to): a match in a
    pseudonymised case would tell who is a client."""
    readable = queryset.filter(Q(full_access=True))
    words = search_words(search)
    if not words:
        return readable.none()
    persons = persons_with_ids(candidate_ids(words, within=Case.objects.in_scope_of(user)))
    # The rank of a case is that of its closest person (its few persons, by the case index).
    best = Person.objects.filter(case=OuterRef("pk")).annotate(rank=name_rank(words)).order_by(F("rank").desc())
    return readable.filter(pk__in=persons.values("case_id")).annotate(
        name_rank=Subquery(best.values_list(F("rank"))[:1], output_field=FloatField())
    )


def by_name_rank(queryset: QuerySet[Case]) -> QuerySet[Case]:
    return queryset.order_by(F("name_rank").desc(), "-opened_on", "-id")
