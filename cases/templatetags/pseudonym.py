"""Template side of cases.pseudonym: every template shows cases and persons through these."""

from django import template

from cases import pseudonym

register = template.Library()


@register.filter
def case_display(case, user) -> str:
    """ "Erika Müller (STY-2026-0001)" with full access, else "STY-2026-0001 · 45–64 · weiblich · Styrum"."""
    return str(pseudonym.display_case(case, user))


@register.filter
def case_name(case) -> str:
    """ "Müller, Erika" for a reader with full access, else empty."""
    return pseudonym.case_name(case)


@register.filter
def person_name(person) -> str:
    """ "Müller, Erika" — only for persons of cases the reader may read in full (the caller's
    queryset decides that, e.g. cases.duplicates)."""
    return pseudonym.display_person(person, full=True)


@register.filter
def masked(text, case) -> str:
    """Free text about `case`: names, birth dates and streets of its persons become "[Name]",
    "[Datum]", "[Adresse]" unless the case is shown named here."""
    return pseudonym.free_text(text, case)
