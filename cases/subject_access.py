"""Auskunft nach Art. 15 DSGVO: everything stored about the persons of a case, and who read or
changed it when. One list of sections feeds both the JSON file and the readable PDF.

Staff appear by function and team ("Fachkraft · SGB VIII · Sozialraumteam Styrum"), not by
name: the person learns which offices read their data; the responsible caseworker, whom the
person knows, is named in the case section."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.hooks import SubjectAccessSection, subject_access_sections
from cases.models import Case
from districts.models import Membership
from sozialraum.formats import format_date, format_datetime
from sozialraum.forms import staff_name
from sozialraum.models import AuditEvent
from sozialraum.roles import Role


def date_text(value: date | None) -> str | None:
    return format_date(value) if value else None


@dataclass(frozen=True)
class SubjectAccess:
    case: Case
    created_at: datetime
    sections: list[SubjectAccessSection]

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"erstellt_am": format_datetime(self.created_at), "aktenzeichen": self.case.reference}
        for section in self.sections:
            data[section.key] = section.rows[0] if section.key == "fall" else section.rows
        return data


def subject_access(case: Case) -> SubjectAccess:
    sections = [
        persons_section(case),
        case_section(case),
        goals_section(case),
        resources_section(case),
        consents_section(case),
        referrals_section(case),
        activities_section(case),
        follow_ups_section(case),
        documents_section(case),
        help_plan_section(case),
    ]
    # What higher apps keep about the case (e.g. consultation records of the meetings).
    for contribute in subject_access_sections:
        sections.extend(contribute(case))
    sections.append(access_log_section(case))
    return SubjectAccess(case, timezone.now(), sections)


def persons_section(case: Case) -> SubjectAccessSection:
    return SubjectAccessSection(
        "personen",
        gettext_lazy("Persons"),
        {
            "rolle": gettext_lazy("role"),
            "vorname": gettext_lazy("first name"),
            "nachname": gettext_lazy("last name"),
            "geburtsdatum": gettext_lazy("birth date"),
            "geschlecht": gettext_lazy("sex"),
            "anschrift": gettext_lazy("address"),
            "ortsteil": gettext_lazy("locality"),
            "telefon": gettext_lazy("phone"),
        },
        [
            {
                "rolle": person.get_role_display()
                + (f" ({person.get_relationship_display()})" if person.relationship else ""),
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
        as_cards=True,
    )


def case_section(case: Case) -> SubjectAccessSection:
    return SubjectAccessSection(
        "fall",
        gettext_lazy("Case"),
        {
            "sozialraum": gettext_lazy("district"),
            "team": gettext_lazy("team"),
            "rechtskreis": gettext_lazy("legal area"),
            "leistungsbereich": gettext_lazy("service area"),
            "fachkraft": gettext_lazy("responsible caseworker"),
            "themen": gettext_lazy("topics"),
            "phase": gettext_lazy("phase"),
            "status": gettext_lazy("status"),
            "eroeffnet_am": gettext_lazy("opened on"),
            "abgeschlossen_am": gettext_lazy("closed on"),
            "wille": gettext_lazy("will"),
        },
        [
            {
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
            }
        ],
        as_cards=True,
    )


def goals_section(case: Case) -> SubjectAccessSection:
    return SubjectAccessSection(
        "ziele",
        gettext_lazy("Goals"),
        {
            "ziel": gettext_lazy("goal"),
            "wer_tut_was": gettext_lazy("who does what"),
            "bis": gettext_lazy("due on"),
            "stand": gettext_lazy("status"),
        },
        [
            {
                "ziel": goal.title,
                "wer_tut_was": goal.actions,
                "bis": date_text(goal.due_on),
                "stand": goal.get_status_display(),
            }
            for goal in case.goals.all()
        ],
    )


def help_plan_section(case: Case) -> SubjectAccessSection:
    """Every kept version of the help plan: the will and the goals as they were."""
    return SubjectAccessSection(
        "hilfeplan_versionen",
        gettext_lazy("Help plan versions"),
        {
            "version": gettext_lazy("version"),
            "am": gettext_lazy("date"),
            "wille": gettext_lazy("will"),
            "ziele": gettext_lazy("goals"),
        },
        [
            {
                "version": version.number,
                "am": date_text(version.created_at.date()),
                "wille": version.will,
                "ziele": [goal["title"] for goal in version.goals],
            }
            for version in case.plan_versions.order_by("number")
        ],
        as_cards=True,
    )


def documents_section(case: Case) -> SubjectAccessSection:
    """The filed documents (the files themselves are handed over with the export on request)."""
    return SubjectAccessSection(
        "dokumente",
        gettext_lazy("Documents"),
        {
            "datum": gettext_lazy("date of the document"),
            "art": gettext_lazy("kind"),
            "titel": gettext_lazy("title"),
            "datei": gettext_lazy("file name"),
            "sha256": "SHA-256",
        },
        [
            {
                "datum": date_text(document.document_date),
                "art": document.get_kind_display(),
                "titel": document.title,
                "datei": document.original_name,
                "sha256": document.sha256,
            }
            for document in case.attachments.order_by("document_date", "id")
        ],
    )


def follow_ups_section(case: Case) -> SubjectAccessSection:
    """Wiedervorlagen: when someone looks at the case again, and why."""
    return SubjectAccessSection(
        "wiedervorlagen",
        gettext_lazy("Follow-ups"),
        {
            "am": gettext_lazy("due on"),
            "art": gettext_lazy("kind"),
            "grund": gettext_lazy("reason"),
            "verschoben_weil": gettext_lazy("reason for postponing"),
            "erledigt": gettext_lazy("done on"),
        },
        [
            {
                "am": date_text(follow_up.due_on),
                "art": follow_up.get_source_display(),
                "grund": follow_up.reason,
                "verschoben_weil": follow_up.postponed_reason,
                "erledigt": date_text(follow_up.done_on),
            }
            for follow_up in case.follow_ups.order_by("due_on", "id")
        ],
    )


def resources_section(case: Case) -> SubjectAccessSection:
    return SubjectAccessSection(
        "ressourcen",
        gettext_lazy("Resources"),
        {"art": gettext_lazy("kind"), "beschreibung": gettext_lazy("description")},
        [
            {"art": resource.get_kind_display(), "beschreibung": resource.description}
            for resource in case.resources.all()
        ],
    )


def consents_section(case: Case) -> SubjectAccessSection:
    return SubjectAccessSection(
        "einwilligungen",
        gettext_lazy("Consents"),
        {
            "fuer": gettext_lazy("for"),
            "zweck": gettext_lazy("purpose"),
            "erteilt_am": gettext_lazy("given on"),
            "gueltig_bis": gettext_lazy("valid until"),
            "widerrufen_am": gettext_lazy("withdrawn on"),
        },
        [
            {
                "fuer": f"{consent.get_scope_display()}: {consent.target}",
                "zweck": consent.purpose,
                "erteilt_am": date_text(consent.given_on),
                "gueltig_bis": date_text(consent.valid_until),
                "widerrufen_am": date_text(consent.withdrawn_at),
            }
            for consent in case.consents.select_related("team", "legal_area", "partner")
        ],
    )


def referrals_section(case: Case) -> SubjectAccessSection:
    return SubjectAccessSection(
        "vermittlungen",
        gettext_lazy("Referrals"),
        {
            "an": gettext_lazy("to"),
            "am": gettext_lazy("date"),
            "stand": gettext_lazy("status"),
            "ergebnis": gettext_lazy("outcome"),
        },
        [
            {
                "an": referral.target,
                "am": date_text(referral.date),
                "stand": referral.get_status_display(),
                "ergebnis": referral.outcome,
            }
            for referral in case.referrals.select_related("partner", "offer")
        ],
    )


def activities_section(case: Case) -> SubjectAccessSection:
    return SubjectAccessSection(
        "taetigkeiten",
        gettext_lazy("Work on the case"),
        {
            "am": gettext_lazy("date"),
            "art": gettext_lazy("type"),
            "minuten": gettext_lazy("minutes"),
            "notiz": gettext_lazy("note"),
        },
        [
            {
                "am": date_text(activity.date),
                "art": activity.get_activity_type_display(),
                "minuten": activity.minutes,
                "notiz": activity.note,
            }
            for activity in case.activities.order_by("date", "pk")
        ],
    )


def staff_functions(user_ids: set[int], case: Case) -> dict[int, str]:
    """How each member of staff appears to the person: by function, legal area and team."""
    functions: dict[int, list[str]] = defaultdict(list)
    memberships = Membership.objects.filter(user__in=user_ids).select_related("team", "service_area__legal_area")
    for membership in memberships.order_by("team__name"):
        legal_area = str(membership.service_area.legal_area) if membership.service_area else ""
        functions[membership.user_id].append(" · ".join(filter(None, [legal_area, membership.team.name])))
    described = {}
    for user in get_user_model().objects.filter(pk__in=user_ids).prefetch_related("groups"):
        held = [Role(group.name).label for group in user.groups.all() if group.name in Role.values]
        roles = ", ".join(sorted(str(label) for label in held)) or _("staff")
        if user.pk == case.caseworker_id:
            roles = _("your responsible caseworker")
        described[user.pk] = " · ".join([roles, *functions[user.pk][:1]])
    return described


def object_label(object_type: str) -> str:
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def field_labels(object_type: str, fields: list[str]) -> list[str]:
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return fields
    labels = []
    for name in fields:
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            labels.append(name)
    return labels


def access_log_section(case: Case) -> SubjectAccessSection:
    """Who read or changed the data when, one row per day, person, action and kind of data (a
    caseworker opening the case ten times a day is one row with "10")."""
    events = list(AuditEvent.objects.about_case(case.pk).order_by("occurred_at"))
    functions = staff_functions({event.user_id for event in events if event.user_id}, case)
    rows: dict[tuple, dict[str, Any]] = {}
    for event in events:
        day = timezone.localtime(event.occurred_at).date()
        key = (day, event.user_id, event.action, event.object_type)
        row = rows.get(key)
        if row is None:
            who = functions.get(event.user_id) if event.user_id else _("the system (automatic)")
            row = rows[key] = {
                "tag": format_date(day),
                "uhrzeit": timezone.localtime(event.occurred_at).strftime("%H:%M"),
                "wer": who or _("former member of staff"),
                "was": f"{object_label(event.object_type)}: {event.get_action_display()}",
                "felder": [],
                "anzahl": 0,
            }
        row["anzahl"] += 1
        for label in field_labels(event.object_type, event.changed_fields):
            if label not in row["felder"]:
                row["felder"].append(label)
    return SubjectAccessSection(
        "zugriffe_und_aenderungen",
        gettext_lazy("Who read or changed the data"),
        {
            "tag": gettext_lazy("date"),
            "uhrzeit": gettext_lazy("first at"),
            "wer": gettext_lazy("who (function, team)"),
            "was": gettext_lazy("what"),
            "felder": gettext_lazy("fields"),
            "anzahl": gettext_lazy("number of times"),
        },
        list(rows.values()),
    )
