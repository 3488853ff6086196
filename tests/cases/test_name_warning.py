"""Issue 12, "Writers are warned": free text about a case that names its persons is held back
once with a German warning and a proposal without names; the writer takes the proposal or saves
anyway. Only a writer who sees the names is warned (no oracle for pseudonymised readers)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.constants import PersonRole, Relationship, ResourceKind, Sex
from cases.masking import replace_names
from cases.models import Activity, Goal, Person, Referral, Resource
from meetings.models import CaseProposal
from networks.models import Partner
from tests.helpers import open_case_data

WARNING = "Der Text enthält den Namen „Müller“ – im Sozialraumteam wird er ausgeblendet."
DECISION = "names_in_text"


def household(case, first_name, relationship, sex):
    return Person.objects.create(
        case=case,
        role=PersonRole.HOUSEHOLD,
        relationship=relationship,
        first_name=first_name,
        last_name=case.persons.get(role=PersonRole.MAIN).last_name,
        sex=sex,
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Frau Müller meldet sich beim Sportverein", "Frau M. meldet sich beim Sportverein"),
        ("Mit Frau Erika Mueller gesprochen", "Mit Frau M. gesprochen"),
        ("Erika Müller ruft an", "Frau M. ruft an"),
        ("Erika ruft an", "Frau M. ruft an"),
        ("Lena geht zur Kita, Tom nicht", "die Tochter geht zur Kita, der Sohn nicht"),
        ("Müllers Wohnung ist zu klein", "Familie M. Wohnung ist zu klein"),
        ("Die Müllerin bleibt", "Die Müllerin bleibt"),  # another word stays
    ],
)
def test_the_proposal_refers_by_role(case, text, expected):
    household(case, "Lena", Relationship.CHILD, Sex.FEMALE)
    household(case, "Tom", Relationship.CHILD, Sex.MALE)
    assert replace_names(text, case.persons.all()) == expected


def test_two_persons_of_one_description_keep_their_initials(case):
    household(case, "Lena", Relationship.CHILD, Sex.UNKNOWN)
    household(case, "Tom", Relationship.CHILD, Sex.UNKNOWN)
    assert replace_names("Lena und Tom", case.persons.all()) == "das Kind L. und das Kind T."


def test_a_person_without_sex_or_relationship(case):
    Person.objects.filter(case=case).update(sex=Sex.UNKNOWN)
    household(case, "Kai", "", Sex.UNKNOWN)
    assert replace_names("Erika und Kai", case.persons.all()) == "die Hauptperson und ein Haushaltsmitglied"


def goal_data(title):
    return {"title": title, "actions": "", "status": "agreed", "due_on": "", "achieved_on": ""}


def test_a_goal_with_a_name_is_held_back_with_a_warning(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    url = reverse("cases:goal_add", args=[case.reference])
    response = client.post(url, goal_data("Frau Müller meldet sich beim Sportverein an"))
    page = response.content.decode()
    assert response.status_code == 200 and not Goal.objects.filter(case=case).exists()
    assert WARNING in page
    assert "Frau M. meldet sich beim Sportverein an" in page  # the proposal
    assert 'value="Frau Müller meldet sich beim Sportverein an"' in page  # the input stays
    assert "Vorschlag übernehmen und speichern" in page and "Trotzdem speichern" in page


def test_saving_anyway_keeps_the_text(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    url = reverse("cases:goal_add", args=[case.reference])
    response = client.post(url, {**goal_data("Frau Müller meldet sich an"), DECISION: "keep"})
    assert response.status_code == 302
    assert Goal.objects.get(case=case).title == "Frau Müller meldet sich an"


def test_taking_the_proposal_saves_it(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    url = reverse("cases:goal_add", args=[case.reference])
    response = client.post(url, {**goal_data("Erika meldet sich an"), DECISION: "replace"})
    assert response.status_code == 302
    assert Goal.objects.get(case=case).title == "Frau M. meldet sich an"


def test_a_name_saved_before_is_not_warned_about_again(client, case, sgb2_worker):
    goal = Goal.objects.create(case=case, title="Frau Müller meldet sich an")
    client.force_login(sgb2_worker)
    response = client.post(
        reverse("cases:goal_edit", args=[case.reference, goal.pk]),
        {**goal_data("Frau Müller meldet sich an, bis März"), "version": goal.version},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Frau Müller meldet sich an, bis März"


def test_a_text_without_names_saves_at_once(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    response = client.post(reverse("cases:goal_add", args=[case.reference]), goal_data("Sportverein anmelden"))
    assert response.status_code == 302


def every_free_text_form(case):
    """(URL, data, model whose row must not appear until the writer decides)."""
    partner = Partner.objects.create(name="Sportverein Styrum", municipality=case.team.district.municipality)
    referral = Referral.objects.create(
        case=case,
        partner=partner,
        date=timezone.localdate(),
        hands_over_personal_data=False,
        created_by=case.caseworker,
    )
    named = "Frau Müller kommt mit"
    forms = {
        "will": (reverse("cases:case_edit", args=[case.reference]), None),
        "resource": (
            reverse("cases:resource_add", args=[case.reference]),
            ({"kind": ResourceKind.FAMILY, "description": named}, Resource),
        ),
        "referral outcome": (
            reverse("cases:referral_edit", args=[case.reference, referral.pk]),
            ({"status": referral.status, "outcome": named}, None),
        ),
        "question": (
            reverse("meetings:propose_case", args=[case.reference]),
            ({"question": named}, CaseProposal),
        ),
        "activity note": (
            reverse("cases:activity_add"),
            (
                {
                    "kind": "case",
                    "date": timezone.localdate().isoformat(),
                    "minutes": 30,
                    "activity_type": "counselling",
                    "case": case.pk,
                    "district": case.team.district_id,
                    "note": named,
                },
                Activity,
            ),
        ),
    }
    return forms, named


def case_edit_data(case, will):
    return {
        "service_area": case.service_area_id,
        "caseworker": case.caseworker_id,
        "topics": case.topics,
        "phase": case.phase,
        "will": will,
        "status": "open",
        "closed_on": "",
        "closing_reason": "",
        "version": case.version,
    }


@pytest.mark.parametrize("form", ["will", "resource", "referral outcome", "question", "activity note"])
def test_every_free_text_form_of_a_case_warns(client, case, sgb2_worker, form):
    forms, named = every_free_text_form(case)
    url, spec = forms[form]
    data, model = spec if spec else (case_edit_data(case, named), None)
    before = model.objects.count() if model else None
    client.force_login(sgb2_worker)
    response = client.post(url, data)
    assert response.status_code == 200, response.content.decode()[:500]
    assert WARNING in response.content.decode()
    if model:
        assert model.objects.count() == before
    saved = client.post(url, {**data, DECISION: "keep"})
    assert saved.status_code in (200, 302)
    assert WARNING not in saved.content.decode()


def test_the_will_when_opening_a_case_is_checked_against_the_new_person(client, styrum, sgb2_worker):
    client.force_login(sgb2_worker)
    data = open_case_data(styrum, sgb2_worker)
    data["case-will"] = "Erika will wieder arbeiten."
    response = client.post(reverse("cases:case_open"), data)
    assert WARNING.replace("„Müller“", "„Erika“") in response.content.decode()
    data["case-names_in_text"] = "replace"
    assert client.post(reverse("cases:case_open"), data).status_code == 302
    assert sgb2_worker.cases.get().will == "Frau M. will wieder arbeiten."


def test_the_household_form_asks_for_the_relationship(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    page = client.get(reverse("cases:person_add", args=[case.reference])).content.decode()
    assert "Beziehung zur Hauptperson" in page and "Tochter" not in page and ">Kind<" in page
