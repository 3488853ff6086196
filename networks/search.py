"""Finding offers the way people ask for them: German word forms (full-text search), parts of
compound words ("Betreuung" in "Kinderbetreuung"), spellings without umlauts ("fruehstueck")
and the coordinators' synonyms ("Deutsch lernen" ↔ "Sprachkurs" ↔ "Sprachcafé")."""

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import transaction
from django.db.models import ExpressionWrapper, F, FloatField, Q, QuerySet

from networks.models import Offer, SearchSynonym
from sozialraum.search_keys import search_key, search_key_sql

MAX_PHRASES = 6


@transaction.atomic
def replace_synonyms(groups: list[list[str]]) -> None:
    SearchSynonym.objects.all().delete()
    SearchSynonym.objects.bulk_create([SearchSynonym(terms=terms) for terms in groups])


def phrases_for(text: str) -> list[str]:
    """The text and, for each synonym group it mentions, the group's other terms."""
    key = f" {search_key(text)} "
    phrases = [text.strip()]
    for group in SearchSynonym.objects.all():
        keys = [f" {search_key(term)} " for term in group.terms]
        if any(term_key.strip() and term_key in key for term_key in keys):
            phrases += [term for term in group.terms if search_key(term) not in {search_key(p) for p in phrases}]
    return phrases[:MAX_PHRASES]


def phrase_matches(phrase: str) -> Q:
    """German full text, or every word found inside the text's search key."""
    words = [word for word in search_key(phrase).replace("-", " ").split() if word]
    every_word_inside = Q()
    for word in words:
        every_word_inside &= Q(search_text__contains=word)
    return Q(search_vector=SearchQuery(phrase, config="german", search_type="websearch")) | every_word_inside


def search_offers(offers: QuerySet[Offer], text: str) -> QuerySet[Offer]:
    """Offers matching the text or one of its synonyms, best first; the caller's filters
    (district, target group, topic) stay on the queryset."""
    phrases = phrases_for(text)
    match = Q()
    for phrase in phrases:
        match |= phrase_matches(phrase)
    rank = SearchRank(F("search_vector"), SearchQuery(text, config="german", search_type="websearch"))
    # Closeness to the title only: the word similarity over long descriptions costs too much.
    closeness = TrigramWordSimilarity(search_key(text), search_key_sql(F("title")))
    return (
        offers.filter(match)
        .annotate(rank=ExpressionWrapper(rank + closeness, output_field=FloatField()))
        .order_by("-rank", "title", "id")
    )
