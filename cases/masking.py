"""Names in free text (DESIGN §4 rule 2): where a case is shown pseudonymised, what people typed
about it must not name its persons either. `mask(text, persons)` replaces their first and last
names (also "Mueller" for "Müller" and "Muller", "Müllers"), "Frau M."/"Herrn M.", their birth
dates and streets by neutral markers.

For the writer: `names_in(text, persons)` finds the names before saving, and
`replace_names(text, persons)` proposes the text with roles instead ("die Mutter", "Frau M.").

cases.pseudonym decides *whether* to mask (the reader's access); this module only knows how."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.constants import PersonRole, Relationship, Sex
from sozialraum.formats import format_long_date

if TYPE_CHECKING:
    from cases.models import Person

# Name words this short or this common are not masked alone (they would eat ordinary words).
PARTICLES = {"von", "van", "de", "der", "den", "zu", "zum", "la", "le", "di", "da", "del", "ten", "ter"}
MIN_WORD_LENGTH = 2
SALUTATION = r"(?:Frau|Fr\.|Herrn?|Hr\.)"
STREET_SUFFIX = re.compile(r"(?i)(straße|strasse|str\.?)$")
# What masking reads of a person (a query for masking loads these and nothing else).
MASKED_FIELDS = ("case_id", "role", "relationship", "first_name", "last_name", "sex", "birth_date", "street")


def spellings(word: str) -> set[str]:
    """The ways people write a name word: as given, with umlauts spelled out, without accents."""
    folded = word.replace("ß", "ss")
    spelled_out = (
        folded.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("Ä", "Ae").replace("Ö", "Oe")
    ).replace("Ü", "Ue")
    bare = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    variants = {word, folded, spelled_out, bare}
    if "ss" in folded:
        variants.add(folded.replace("ss", "ß"))
    return {variant for variant in variants if variant}


def name_words(name: str) -> list[str]:
    return [
        word
        for word in re.split(r"[\s\-]+", name.strip())
        if len(word) >= MIN_WORD_LENGTH and word.lower() not in PARTICLES
    ]


@lru_cache(maxsize=512)
def name_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    alternatives = sorted({re.escape(variant) for word in words for variant in spellings(word)}, key=len, reverse=True)
    if not alternatives:
        return None
    # A name, also in the genitive ("Müllers"), never inside another word.
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?:s|')?(?!\w)", re.IGNORECASE)


def date_pattern(day: date) -> re.Pattern[str]:
    numeric = [
        rf"0?{day.day}\.\s?0?{day.month}\.\s?(?:{day.year}|{day.year % 100:02d})",
        rf"{day.year}-{day.month:02d}-{day.day:02d}",
        re.escape(format_long_date(day)),
    ]
    return re.compile(r"(?<!\d)(?:" + "|".join(numeric) + r")(?!\d)", re.IGNORECASE)


def street_pattern(street: str) -> re.Pattern[str] | None:
    """ "Hauptstraße 5" also as "Hauptstr. 5" or "Hauptstrasse"; the house number goes with it."""
    name = re.sub(r"\s*\d+\s*[a-zA-Z]?$", "", street.strip())
    stem = STREET_SUFFIX.sub("", name).strip()
    if len(stem) < 3:
        return None
    stem_alternatives = "|".join(sorted({re.escape(variant) for variant in spellings(stem)}, key=len, reverse=True))
    suffix = r"(?:straße|strasse|str\.?)" if stem != name else ""
    return re.compile(rf"(?<!\w)(?:{stem_alternatives})\s*{suffix}(?:\s*\d+\s*[a-zA-Z]?(?!\w))?", re.IGNORECASE)


def mask(text: str, persons: Iterable) -> str:
    """`text` with the persons' names, birth dates and streets replaced by markers."""
    if not text:
        return text
    persons = list(persons)
    name_marker, date_marker, address_marker = _("[Name]"), _("[Date]"), _("[Address]")
    for person in persons:
        if person.birth_date:
            text = date_pattern(person.birth_date).sub(date_marker, text)
        if person.street:
            pattern = street_pattern(person.street)
            if pattern:
                text = pattern.sub(address_marker, text)
    initials = {person.last_name.strip()[:1].upper() for person in persons if person.last_name.strip()}
    for initial in initials:
        text = re.sub(rf"\b({SALUTATION})\s+{re.escape(initial)}\.", rf"\1 {name_marker}", text)
    words = tuple(word for person in persons for word in name_words(f"{person.first_name} {person.last_name}"))
    pattern = name_pattern(words)
    if pattern:
        text = pattern.sub(name_marker, text)
    return text


def names_in(text: str, persons: Iterable) -> list[str]:
    """The name words of `persons` that `text` contains (for warning the writer)."""
    found = []
    for person in persons:
        for word in name_words(f"{person.first_name} {person.last_name}"):
            pattern = name_pattern((word,))
            if pattern and pattern.search(text or "") and word not in found:
                found.append(word)
    return found


# How a writer can refer to a household member without naming them: by sex where it is known.
RELATIONSHIP_WORDS: dict[str, dict[str | None, Promise]] = {
    Relationship.MOTHER: {None: gettext_lazy("the mother")},
    Relationship.FATHER: {None: gettext_lazy("the father")},
    Relationship.CHILD: {
        Sex.FEMALE: gettext_lazy("the daughter"),
        Sex.MALE: gettext_lazy("the son"),
        None: gettext_lazy("the child"),
    },
    Relationship.PARTNER: {
        Sex.FEMALE: gettext_lazy("the partner (female)"),
        Sex.MALE: gettext_lazy("the partner (male)"),
        None: gettext_lazy("the partner"),
    },
    Relationship.SIBLING: {
        Sex.FEMALE: gettext_lazy("the sister"),
        Sex.MALE: gettext_lazy("the brother"),
        None: gettext_lazy("the sibling"),
    },
    Relationship.GRANDPARENT: {
        Sex.FEMALE: gettext_lazy("the grandmother"),
        Sex.MALE: gettext_lazy("the grandfather"),
        None: gettext_lazy("the grandparent"),
    },
}


def initial(name: str) -> str:
    return f"{name.strip()[:1].upper()}." if name.strip() else ""


def salutation_form(person: Person) -> str:
    """ "Frau M." / "Herr M." where the sex is known, else "" ."""
    if person.sex == Sex.FEMALE:
        return _("Ms %(initial)s") % {"initial": initial(person.last_name)}
    if person.sex == Sex.MALE:
        return _("Mr %(initial)s") % {"initial": initial(person.last_name)}
    return ""


def role_description(person: Person) -> str:
    """How to refer to `person` without the name: the relationship to the main person ("die
    Mutter", "der Sohn"), else "Frau M."/"Herr M.", else the role."""
    words = RELATIONSHIP_WORDS.get(person.relationship) if person.role == PersonRole.HOUSEHOLD else None
    if words:
        return str(words.get(person.sex, words[None]))
    if salutation := salutation_form(person):
        return salutation
    if person.role == PersonRole.MAIN:
        return _("the main person")
    return _("a household member")


def descriptions(persons: list[Person]) -> list[str]:
    """One description per person; where two persons would read the same ("das Kind"), the first
    name's initial tells them apart."""
    plain = [role_description(person) for person in persons]
    return [
        f"{text} {initial(person.first_name)}" if plain.count(text) > 1 else text
        for person, text in zip(persons, plain, strict=True)
    ]


def word_pattern(words: list[str]) -> str:
    alternatives = sorted({re.escape(variant) for word in words for variant in spellings(word)}, key=len, reverse=True)
    return "(?:" + "|".join(alternatives) + ")"


def replace_names(text: str, persons: Iterable) -> str:
    """What the writer could write instead: "Frau Müller" → "Frau M.", "Sandra Müller" and
    "Sandra" → "die Mutter" (from the relationship), a family name shared by several persons →
    "Familie M.". Grammar is the writer's to check — the form shows the proposal first."""
    persons = [person for person in persons if name_words(f"{person.first_name} {person.last_name}")]
    if not text or not persons:
        return text
    flags = re.IGNORECASE
    for person, description in zip(persons, descriptions(persons), strict=True):
        first, last = name_words(person.first_name), name_words(person.last_name)
        if last:
            # "Frau (Sandra) Müller" keeps its salutation and grammar: "Frau M.", "Herrn M."
            first_part = rf"(?:{word_pattern(first)}\s+)?" if first else ""
            text = re.sub(
                rf"\b({SALUTATION})\s+{first_part}{word_pattern(last)}(?!\w)",
                rf"\1 {initial(person.last_name)}",
                text,
                flags=flags,
            )
        if first and last:
            text = re.sub(
                rf"(?<!\w){word_pattern(first)}\s+{word_pattern(last)}(?:s|')?(?!\w)", description, text, flags=flags
            )
        if first:
            text = re.sub(rf"(?<!\w){word_pattern(first)}(?:s|')?(?!\w)", description, text, flags=flags)
    last_names: dict[str, list] = {}
    for person in persons:
        for word in name_words(person.last_name):
            last_names.setdefault(word.lower(), []).append(person)
    for persons_of_name in last_names.values():
        person = persons_of_name[0]
        description = (
            _("the %(initial)s family") % {"initial": initial(person.last_name)}
            if len(persons_of_name) > 1
            else descriptions(persons)[persons.index(person)]
        )
        text = re.sub(
            rf"(?<!\w){word_pattern(name_words(person.last_name))}(?:s|')?(?!\w)", description, text, flags=flags
        )
    return text
