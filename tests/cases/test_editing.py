"""Bad input gets German messages and keeps the input; concurrent edits never overwrite silently."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Consent, Goal, Person
from tests.helpers import open_case_data


def case_edit_data(case, **changes):
    data = {
        "version": case.version,
        "service_area": case.service_area_id,
        "caseworker": case.caseworker_id,
        "topics": case.topics,
        "phase": case.phase,
        "will": case.will,
        "status": case.status,
    }
    data.update(changes)
    return data


def test_second_save_from_the_same_version_is_refused(client, case, sgb2_worker, sgb2_colleague):
    url = reverse("cases:case_edit", args=[case.reference])
    client.force_login(sgb2_worker)
    first = client.post(url, case_edit_data(case, will="Ich will eine Ausbildung beginnen.", phase="counselling"))
    assert first.status_code == 302

    client.force_login(sgb2_colleague)
    second = client.post(url, case_edit_data(case, will="Ich will umziehen.", phase="detachment"))
    html = second.content.decode()

    assert second.status_code == 200
    assert "hat diesen Datensatz gespeichert, nachdem Sie ihn geöffnet hatten" in html
    assert "Wille" in html and "Phase" in html
    assert "Ich will umziehen." in html  # the second user's input is kept
    case.refresh_from_db()
    assert case.will == "Ich will eine Ausbildung beginnen."
    assert case.version == 2

    # Having seen the conflict, saving again is a deliberate overwrite.
    third = client.post(url, case_edit_data(case, will="Ich will umziehen.", phase="detachment"))
    assert third.status_code == 302
    case.refresh_from_db()
    assert case.will == "Ich will umziehen."


def test_second_goal_save_from_the_same_version_is_refused(client, case, sgb2_worker, sgb2_colleague):
    goal = Goal.objects.create(case=case, title="Bewerbung schreiben")
    url = reverse("cases:goal_edit", args=[case.reference, goal.pk])
    data = {"version": 1, "title": "Bewerbung schreiben", "status": "agreed"}
    client.force_login(sgb2_worker)
    assert client.post(url, {**data, "status": "in_progress"}).status_code == 302
    client.force_login(sgb2_colleague)
    response = client.post(url, {**data, "title": "Zwei Bewerbungen schreiben"})
    assert response.status_code == 200
    assert "Status" in response.content.decode()
    goal.refresh_from_db()
    assert (goal.title, goal.status) == ("Bewerbung schreiben", "in_progress")


def test_open_case_creates_readable_reference(client, styrum, sgb2_worker):
    client.force_login(sgb2_worker)
    response = client.post(reverse("cases:case_open"), open_case_data(styrum, sgb2_worker))
    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    assert case.reference == f"STY-{timezone.localdate().year}-0001"
    assert case.persons.get().last_name_key == "mueller"
    client.post(reverse("cases:case_open"), open_case_data(styrum, sgb2_worker, last_name="Schmitz"))
    assert Case.objects.order_by("id").last().reference == f"STY-{timezone.localdate().year}-0002"


def test_future_birth_date_is_refused_and_input_kept(client, styrum, sgb2_worker):
    client.force_login(sgb2_worker)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(reverse("cases:case_open"), open_case_data(styrum, sgb2_worker, birth_date=tomorrow))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ein Geburtsdatum kann nicht in der Zukunft liegen." in html
    assert 'value="Kaiserstraße 17"' in html
    assert not Case.objects.exists() and not Person.objects.exists()


def test_caseworker_outside_the_team_is_refused(client, styrum, sgb2_worker, outsider):
    client.force_login(sgb2_worker)
    data = open_case_data(styrum, sgb2_worker)
    data["case-caseworker"] = outsider.pk
    response = client.post(reverse("cases:case_open"), data)
    assert response.status_code == 200
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"title": "Ziel", "status": "agreed", "due_on": "2026-01-01"},
            "Ein Ziel kann nicht vor der Eröffnung des Falls",
        ),
        ({"title": "Ziel", "status": "achieved"}, "Bitte angeben, wann das Ziel erreicht wurde."),
        ({"title": "", "status": "agreed"}, "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_bad_goals_are_refused_in_german(client, case, sgb2_worker, data, message):
    client.force_login(sgb2_worker)
    response = client.post(reverse("cases:goal_add", args=[case.reference]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"scope": "team", "given_on": "2026-05-10", "valid_until": "2026-05-01"},
            "Eine Einwilligung kann nicht enden, bevor sie erteilt wurde.",
        ),
        ({"scope": "legal_area", "given_on": "2026-05-10"}, "Bitte angeben, für wen die Einwilligung gilt."),
        ({"scope": "team", "given_on": "2099-01-01"}, "Eine Einwilligung kann nicht in der Zukunft erteilt werden."),
    ],
)
def test_bad_consents_are_refused_in_german(client, case, sgb2_worker, data, message):
    client.force_login(sgb2_worker)
    payload = {"purpose": "Fallberatung", "team": case.team_id, **data}
    response = client.post(reverse("cases:consent_add", args=[case.reference]), payload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Consent.objects.exists()


def test_second_main_person_is_refused(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    response = client.post(
        reverse("cases:person_add", args=[case.reference]),
        {"role": "main", "first_name": "Max", "last_name": "Müller", "sex": "m"},
    )
    assert response.status_code == 200
    assert "Der Fall hat schon eine Hauptperson." in response.content.decode()


def test_household_member_is_added(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    response = client.post(
        reverse("cases:person_add", args=[case.reference]),
        {"role": "household", "first_name": "Max", "last_name": "Müller", "sex": "m", "birth_date": "2015-06-01"},
    )
    assert response.status_code == 302
    assert case.persons.count() == 2


def test_closing_needs_date_and_reason(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    url = reverse("cases:case_edit", args=[case.reference])
    response = client.post(url, case_edit_data(case, status="closed"))
    html = response.content.decode()
    assert "Ein abgeschlossener Fall braucht das Abschlussdatum." in html
    assert "Ein abgeschlossener Fall braucht einen Abschlussgrund." in html
    response = client.post(
        url,
        case_edit_data(
            case, status="closed", closed_on=timezone.localdate().isoformat(), closing_reason="goals_reached"
        ),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"
