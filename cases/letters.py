"""Letters from templates: the placeholders a template may use, their values for one case, and
the letter as a PDF in the DIN 5008 layout (address in the window of a DL envelope)."""

import re
import string

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import PersonRole
from cases.help_plan import document_context
from cases.models import Case, Consent, LetterKind, LetterTemplate
from sozialraum.formats import format_date
from sozialraum.pdf import render_pdf

# Every placeholder a template may use, with what it stands for (shown to the administrators).
PLACEHOLDERS = {
    "name": "Vor- und Nachname der Hauptperson",
    "anschrift": "Anschrift der Hauptperson",
    "geburtsdatum": "Geburtsdatum der Hauptperson",
    "aktenzeichen": "Aktenzeichen des Falls",
    "fachkraft": "Name der fallverantwortlichen Fachkraft",
    "fachkraft_email": "E-Mail der Fachkraft",
    "team": "Name des Teams",
    "team_anschrift": "Anschrift des Teams",
    "datum": "heutiges Datum",
    "einwilligung_fuer": "für wen die Einwilligung gilt",
    "einwilligung_zweck": "Zweck der Einwilligung",
    "einwilligung_ab": "Einwilligung gegeben am",
    "einwilligung_bis": "Einwilligung gültig bis",
    "termin": "Termin (beim Erstellen eingegeben)",
    "ort": "Ort (beim Erstellen eingegeben)",
}


def placeholders_in(text: str) -> set[str]:
    try:
        return {field for _literal, field, _spec, _conversion in string.Formatter().parse(text) if field is not None}
    except ValueError as broken:  # an unmatched "{" or "}"
        raise ValidationError(_("Check the curly brackets: %(error)s") % {"error": broken}) from broken


def check_template(text: str) -> None:
    unknown = sorted(placeholders_in(text) - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            _("Unknown placeholders: %(names)s. Allowed: %(allowed)s.")
            % {"names": ", ".join(f"{{{name}}}" for name in unknown), "allowed": ", ".join(PLACEHOLDERS)}
        )


def address_lines(person) -> list[str]:
    if person is None or not person.street:
        return []
    return [person.street, f"{person.postal_code} {person.city}".strip()]


def values_for(case: Case, user, consent: Consent | None = None, appointment: str = "", place: str = "") -> dict:
    person = case.persons.filter(role=PersonRole.MAIN).first()
    caseworker = case.caseworker
    values = {
        "name": f"{person.first_name} {person.last_name}" if person else "",
        "anschrift": ", ".join(address_lines(person)),
        "geburtsdatum": format_date(person.birth_date) if person and person.birth_date else "",
        "aktenzeichen": case.reference,
        "fachkraft": caseworker.get_full_name() or caseworker.username,
        "fachkraft_email": caseworker.email,
        "team": case.team.name,
        "team_anschrift": " · ".join(line.strip() for line in case.team.address.splitlines() if line.strip()),
        "datum": format_date(timezone.localdate()),
        "einwilligung_fuer": str(consent.target) if consent else "",
        "einwilligung_zweck": consent.purpose if consent else "",
        "einwilligung_ab": format_date(consent.given_on) if consent else "",
        "einwilligung_bis": format_date(consent.valid_until)
        if consent and consent.valid_until
        else _("until withdrawn"),
        "termin": appointment,
        "ort": place,
    }
    return values


class MissingValues(ValidationError):
    pass


def filled(text: str, values: dict) -> str:
    """The text with every placeholder replaced; a placeholder without a value is refused."""
    empty = sorted(name for name in placeholders_in(text) if not values.get(name))
    if empty:
        raise MissingValues(
            _("These placeholders have no value for this case: %(names)s.")
            % {"names": ", ".join(f"{{{name}}}" for name in empty)}
        )
    return text.format_map(values)


def letter_pdf(template: LetterTemplate, case: Case, user, **given) -> bytes:
    values = values_for(case, user, **given)
    person = case.persons.filter(role=PersonRole.MAIN).first()
    context = {
        "template": template,
        "case": case,
        "subject": filled(template.subject, values),
        "paragraphs": [part for part in re.split(r"\n\s*\n", filled(template.body, values)) if part.strip()],
        "recipient": [values["name"], *address_lines(person)],
        "sender": [line.strip() for line in case.team.address.splitlines() if line.strip()] or [case.team.name],
        "team": case.team,
        "caseworker": case.caseworker,
        "today": timezone.localdate(),
    }
    if template.kind == LetterKind.HELP_PLAN:
        version = case.plan_versions.order_by("-number").first()
        if version is not None:
            context["plan"] = document_context(case, version)
    return render_pdf("cases/letter_pdf.html", context)
