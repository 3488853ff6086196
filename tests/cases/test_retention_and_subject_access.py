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
from tests.helpers import PERSON


def close(case, on):
    Case.objects.filter(pk=case.pk).update(
        status=CaseStatus.CLOSED, opened_on=date(on.year - 1, 1, 1), closed_on=on, closing_reason="goals_reached"
    )


def test_subject_access_export_holds_the_persons_data_and_who_read_it(client, case, sgb2_worker):
    Goal.objects.create(case=case, title="Bewerbung schreiben")
    client.force_login(sgb2_worker)
    client.get(case.get_absolute_url())  # a read that must show up in the export
    response = client.get(reverse("cases:subject_access", args=[case.reference]))
    data = json.loads(response.content)
    assert response["Content-Disposition"] == f'attachment; filename="auskunft-{case.reference}.json"'
    assert data["personen"][0]["nachname"] == PERSON["last_name"]
    assert data["personen"][0]["geburtsdatum"] == "14.03.1961"
    assert data["ziele"][0]["ziel"] == "Bewerbung schreiben"
    assert any(
        entry["benutzer"] == "cm-sgb2" and entry["aktion"] == "hat personenbezogene Daten angesehen"
        for entry in data["zugriffe_und_aenderungen"]
    )
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, case_id=case.pk, user_id=sgb2_worker.pk).exists()


def test_subject_access_is_for_full_access_only(client, case, sgb8_worker, planner):
    for user in (sgb8_worker, planner):
        client.force_login(user)
        assert client.get(reverse("cases:subject_access", args=[case.reference])).status_code == 404


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
