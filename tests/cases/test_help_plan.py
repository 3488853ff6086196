"""The help plan as a document with its history (issue 17): every change of will, goals and
resources is a version; versions are compared in words and printed for the person to sign."""

from datetime import date

from django.urls import reverse

from cases import services
from cases.constants import GoalStatus
from cases.models import Goal, HelpPlanVersion, Resource
from sozialraum.models import AuditEvent
from tests.helpers import PERSON, pdf_text


def case_values(case, **changes) -> dict:
    fields = ["service_area", "caseworker", "topics", "phase", "will", "status", "closed_on", "closing_reason"]
    return {name: getattr(case, name) for name in fields} | changes


def test_each_change_of_will_goals_or_resources_is_a_version(case, sgb2_worker):
    assert list(case.plan_versions.values_list("number", flat=True)) == [1]
    services.update_case(sgb2_worker, case, case_values(case, will="Ich will wieder arbeiten gehen."), case.version)
    goal = services.add_to_case(sgb2_worker, Goal(case=case, title="Bewerbungen schreiben", due_on=date(2026, 12, 31)))
    goal.refresh_from_db()
    services.update_case_part(
        sgb2_worker, goal, {"status": GoalStatus.ACHIEVED, "achieved_on": date(2026, 11, 20)}, goal.version
    )
    services.add_to_case(sgb2_worker, Resource(case=case, kind="family", description="Schwester hilft"))
    case.refresh_from_db()
    services.update_case(sgb2_worker, case, case_values(case), case.version)  # nothing changed: no version
    versions = list(HelpPlanVersion.objects.filter(case=case).order_by("number"))
    for v in versions:
        print("V", v.number, v.will[:20], v.goals, v.resources)
    assert [version.number for version in versions] == [1, 2, 3, 4, 5]
    assert versions[0].will.startswith("Ich will morgens") and versions[1].will == "Ich will wieder arbeiten gehen."
    assert versions[3].goals[0]["status"] == GoalStatus.ACHIEVED
    assert versions[4].resources[0]["description"] == "Schwester hilft"


def test_the_history_shows_what_changed_in_words_for_full_access_only(client, case, sgb2_worker, sgb8_worker):
    services.update_case(
        sgb2_worker,
        case,
        case_values(case, will="Ich will morgens wieder einen Grund zum Arbeiten haben."),
        case.version,
    )
    client.force_login(sgb2_worker)
    html = client.get(reverse("cases:help_plan", args=[case.reference])).content.decode()
    assert "Version 2" in html and "Erste Fassung des Hilfeplans" in html
    assert '<del class="text-danger">Aufstehen</del>' in html and '<ins class="text-success">Arbeiten</ins>' in html
    assert "Hilfeplan vom" in client.get(case.get_absolute_url()).content.decode()
    client.force_login(sgb8_worker)  # pseudonymised: the plan names the persons
    assert client.get(reverse("cases:help_plan", args=[case.reference])).status_code == 403
    assert client.get(reverse("cases:help_plan_pdf", args=[case.reference])).status_code == 403


def test_any_version_prints_as_a_pdf_to_sign_and_the_print_is_audited(client, case, sgb2_worker):
    services.add_to_case(
        sgb2_worker, Goal(case=case, title="Deutschkurs B1 abschließen", actions="Frau Müller meldet sich an")
    )
    services.update_case(sgb2_worker, case, case_values(case, will="Ich will Deutsch lernen."), case.version)
    client.force_login(sgb2_worker)
    latest = pdf_text(client.get(reverse("cases:help_plan_pdf", args=[case.reference])).content)
    assert "Ich will Deutsch lernen." in latest and "Deutschkurs B1 abschließen" in latest
    assert f"{PERSON['last_name']}, {PERSON['first_name']}" in latest and "Unterschrift der Person" in latest
    first = client.get(reverse("cases:help_plan_pdf", args=[case.reference]), {"version": "1"})
    first_text = pdf_text(first.content)
    assert "Ich will morgens wieder einen Grund" in first_text and "Deutschkurs" not in first_text
    assert "frühere Fassung" in first_text
    exports = AuditEvent.objects.filter(object_type="cases.case", object_id=case.pk, action="export")
    assert sorted(event.details["version"] for event in exports) == [1, 3]
