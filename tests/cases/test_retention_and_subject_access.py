"""DESIGN §4 rules 4 and 5: Auskunft nach Art. 15 DSGVO, and erasure after the retention period."""

import json
from datetime import date
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from cases.constants import CaseStatus
from cases.models import Case, Goal, Person
from cases.retention import erase_expired_personal_data
from districts.models import LegalArea
from sozialraum.models import AuditAction, AuditEvent
from tests.helpers import PERSON, give_consent, pdf_text


def close(case, on):
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, opened_on=date(on.year - 1, 1, 1), closed_on=on, closing_reason="goals_reached"
    )


def test_subject_access_export_holds_the_persons_data_and_who_read_it(client, case, sgb2_worker, sgb2_colleague):
    Goal.objects.create(case=case, title="Bewerbung schreiben")
    client.force_login(sgb2_colleague)
    for _ in range(3):
        client.get(case.get_absolute_url())  # reads that must show up in the export, as one row
    client.force_login(sgb2_worker)
    response = client.get(reverse("cases:subject_access", args=[case.reference]))
    data = json.loads(response.content)
    assert response["Content-Disposition"] == f'attachment; filename="auskunft-{case.reference}.json"'
    assert data["personen"][0]["nachname"] == PERSON["last_name"]
    assert data["personen"][0]["geburtsdatum"] == "14.03.1961"
    assert data["ziele"][0]["ziel"] == "Bewerbung schreiben"
    reads = [
        entry
        for entry in data["zugriffe_und_aenderungen"]
        if entry["was"] == "Fall: hat personenbezogene Daten angesehen"
    ]
    assert [(entry["wer"], entry["anzahl"]) for entry in reads] == [("Fachkraft · SGB II · Sozialraumteam Styrum", 3)]
    opened = [entry for entry in data["zugriffe_und_aenderungen"] if entry["was"] == "Fall: angelegt"]
    assert opened[0]["wer"] == "Ihre fallverantwortliche Fachkraft · SGB II · Sozialraumteam Styrum"
    # Staff appear by function and team, not by account or name (only the responsible caseworker is named).
    exported = response.content.decode()
    assert sgb2_colleague.username not in exported and sgb2_colleague.last_name not in exported
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, case_id=case.pk, user_id=sgb2_worker.pk).exists()


def test_subject_access_as_a_readable_pdf(client, case, sgb2_worker, sgb2_colleague):
    Goal.objects.create(case=case, title="Bewerbung schreiben", actions="Frau Müller schreibt drei Bewerbungen")
    give_consent(case, sgb2_worker, scope="team", team=case.team)
    client.force_login(sgb2_colleague)
    client.get(case.get_absolute_url())
    client.force_login(sgb2_worker)
    response = client.get(reverse("cases:subject_access_pdf", args=[case.reference]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="auskunft-{case.reference}.pdf"'
    text = " ".join(pdf_text(response.content).split())
    for expected in [
        "Auskunft zu Ihren Daten (Art. 15 DSGVO)",
        f"Aktenzeichen {case.reference}",
        PERSON["first_name"],
        PERSON["last_name"],
        "14.03.1961",
        PERSON["street"],
        "Bewerbung schreiben",
        "Frau Müller schreibt drei Bewerbungen",  # the person's own data, unmasked
        "Einwilligungen",
        "Fallberatung",
        "Vermittlungen",
        "Wer hat die Daten gelesen oder geändert",
        "Fachkraft · SGB II · Sozialraumteam Styrum",
        "Ihre fallverantwortliche Fachkraft",
    ]:
        assert expected in text, expected
    assert sgb2_colleague.username not in text and sgb2_colleague.last_name not in text
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, case_id=case.pk, user_id=sgb2_worker.pk, details__format="PDF"
    ).exists()


def test_subject_access_is_for_full_access_only(client, case, sgb8_worker, planner):
    for user in (sgb8_worker, planner):
        client.force_login(user)
        for url_name in ("cases:subject_access", "cases:subject_access_pdf"):
            assert client.get(reverse(url_name, args=[case.reference])).status_code == 404


def test_retention_erases_personal_data_and_keeps_the_case_for_statistics(client, case, sgb2_worker):
    LegalArea.objects.filter(pk=case.legal_area_id).update(retention_years=3)
    Goal.objects.create(case=case, title="Wohnung in Styrum halten", actions="Frau Müller ruft an")
    close(case, date(2022, 5, 1))

    assert erase_expired_personal_data(today=date(2025, 4, 30)) == 0  # not yet three years
    assert erase_expired_personal_data(today=date(2025, 5, 2)) == 1
    assert erase_expired_personal_data(today=date(2025, 5, 2)) == 0  # idempotent

    case.refresh_from_db()
    assert not Person.objects.filter(case=case).exists()
    assert case.will == "" and case.personal_data_erased_at is not None
    assert Goal.objects.get(case=case).actions == ""
    assert Case.objects.filter(pk=case.pk, status=CaseStatus.CLOSED).exists()  # still counted
    client.force_login(sgb2_worker)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Müller" not in html and "Aufbewahrungsfrist" in html


def test_open_cases_and_other_legal_areas_keep_their_data(case, sgb2_worker):
    LegalArea.objects.filter(pk=case.legal_area_id).update(retention_years=3)
    assert erase_expired_personal_data(today=date(2040, 1, 1)) == 0  # the case is still open
    close(case, date(2024, 1, 1))
    assert erase_expired_personal_data(today=date(2026, 12, 31)) == 0  # three years not over
    assert Person.objects.filter(case=case).exists()


def test_command_reports_the_number(case):
    output = StringIO()
    call_command("erase_expired_personal_data", stdout=output)
    assert "von 0 Fällen" in output.getvalue()
