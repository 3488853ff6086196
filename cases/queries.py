"""Query pieces the case views, the start page, the search and the meetings share."""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import F, FloatField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Greatest

from cases.constants import PersonRole
from cases.models import Case, Person
from sozialraum.search_keys import cologne_phonetic, name_key, name_parts

# Shorter words match by their beginning only: a two-letter trigram or phonetic match is noise.
MIN_FUZZY_LENGTH = 3


def main_persons_prefetch() -> Prefetch:
    """Each case's main person as `case.main_persons` (a list of none or one), in one query."""
    return Prefetch("persons", queryset=Person.objects.filter(role=PersonRole.MAIN), to_attr="main_persons")


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


def matching_persons(search: str, persons: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """Persons each of whose search words matches their first or last name, with `rank` (the
    summed trigram word similarity, higher is closer) for ordering."""
    words = search_words(search)
    persons = Person.objects.all() if persons is None else persons
    if not words:
        return persons.none()
    rank: Combinable = Value(0.0, output_field=FloatField())
    for word in words:
        persons = persons.filter(word_matches(word))
        rank = rank + Greatest(
            TrigramWordSimilarity(word, "first_name_key"), TrigramWordSimilarity(word, "last_name_key")
        )
    return persons.annotate(rank=rank)


def filter_by_name(queryset: QuerySet[Case], search: str) -> QuerySet[Case]:
    """Cases with a matching person, best match first. Only cases the user may read in full
    (the `full_access` annotation of Case.objects.visible_to): a match in a pseudonymised case
    would tell who is a client. The persons are looked for among those cases only."""
    readable = queryset.filter(Q(full_access=True))
    persons = matching_persons(search, Person.objects.filter(case__in=readable.values("pk")))
    best = persons.filter(case=OuterRef("pk")).order_by(F("rank").desc()).values_list(F("rank"))[:1]
    # The semi-join finds the cases through the name indexes; the rank is computed for those only.
    return readable.filter(pk__in=persons.values("case_id")).annotate(
        name_rank=Subquery(best, output_field=FloatField())
    )


def by_name_rank(queryset: QuerySet[Case]) -> QuerySet[Case]:
    return queryset.order_by(F("name_rank").desc(), "-opened_on", "-id")
