"""Auskunft nach Art. 15 DSGVO: everything stored about the persons of a case, and who read it."""

from django.utils import timezone

from cases.hooks import subject_access_sections
from cases.models import Case
from sozialraum.formats import format_date, format_datetime
from sozialraum.forms import staff_name
from sozialraum.models import AuditEvent


def date_text(value) -> str | None:
    return format_date(value) if value else None


def subject_access_data(case: Case) -> dict:
    data = {
        "erstellt_am": format_datetime(timezone.now()),
        "aktenzeichen": case.reference,
        "personen": [
            {
                "rolle": person.get_role_display(),
                "vorname": person.first_name,
                "nachname": person.last_name,
                "geburtsdatum": date_text(person.birth_date),
                "geschlecht": person.get_sex_display(),
                "anschrift": " ".join(filter(None, [person.street, person.postal_code, person.city])),
                "ortsteil": person.locality.name if person.locality else None,
                "telefon": person.phone,
            }
            for person in case.persons.select_related("locality")
        ],
        "fall": {
            "sozialraum": case.team.district.name,
            "team": case.team.name,
            "rechtskreis": str(case.legal_area),
            "leistungsbereich": case.service_area.name,
            "fachkraft": staff_name(case.caseworker),
            "themen": case.topic_labels,
            "phase": case.get_phase_display(),
            "status": case.get_status_display(),
            "eroeffnet_am": date_text(case.opened_on),
            "abgeschlossen_am": date_text(case.closed_on),
            "wille": case.will,
        },
        "ziele": [
            {
                "ziel": goal.title,
                "wer_tut_was": goal.actions,
                "bis": date_text(goal.due_on),
                "stand": goal.get_status_display(),
            }
            for goal in case.goals.all()
        ],
        "ressourcen": [
            {"art": resource.get_kind_display(), "beschreibung": resource.description}
            for resource in case.resources.all()
        ],
        "einwilligungen": [
            {
                "fuer": f"{consent.get_scope_display()}: {consent.target}",
                "zweck": consent.purpose,
                "erteilt_am": date_text(consent.given_on),
                "gueltig_bis": date_text(consent.valid_until),
                "widerrufen_am": date_text(consent.withdrawn_at),
            }
            for consent in case.consents.select_related("team", "legal_area", "partner")
        ],
        "vermittlungen": [
            {
                "an": referral.target,
                "am": date_text(referral.date),
                "stand": referral.get_status_display(),
                "ergebnis": referral.outcome,
            }
            for referral in case.referrals.select_related("partner", "offer")
        ],
        "taetigkeiten": [
            {
                "am": date_text(activity.date),
                "art": activity.get_activity_type_display(),
                "minuten": activity.minutes,
                "notiz": activity.note,
            }
            for activity in case.activities.all()
        ],
        "zugriffe_und_aenderungen": [
            {
                "zeit": format_datetime(event.occurred_at),
                "benutzer": event.username,
                "aktion": event.get_action_display(),
                "objekt": event.object_type,
                "felder": event.changed_fields,
            }
            for event in AuditEvent.objects.filter(case_id=case.pk).order_by("occurred_at")
        ],
    }
    # What higher apps keep about the case (e.g. consultation records of the meetings).
    for section in subject_access_sections:
        data.update(section(case))
    return data
