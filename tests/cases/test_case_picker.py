"""The case selects of the work form (issue 15, finding 1): they offer the user's own open cases
and fetch others on demand, instead of every visible case in every quick form."""

from datetime import date

from django.urls import reverse
from django.utils import timezone
from lxml import html

from cases import services
from cases.constants import PersonRole
from cases.models import Activity, Case, Person
from districts.models import District

ADD = reverse("cases:activity_add")
OPTIONS = reverse("cases:case_options")


def colleague_cases(case, count):
    return [
        services.open_case(
            case.caseworker,
            Case(
                team=case.team,
                legal_area=case.legal_area,
                service_area=case.service_area,
                caseworker=case.caseworker,
                opened_on=date(2026, 3, 1),
            ),
            Person(role=PersonRole.MAIN, first_name=f"Vorname{number}", last_name=f"Nachname{number}"),
        )
        for number in range(count)
    ]


def options_of(content: bytes, field: str) -> list[str]:
    document = html.fromstring(content.decode())  # a fragment without a charset of its own
    return [option.text_content() for option in document.xpath(f'//select[@name="{field}"]/option')]


def test_the_quick_form_does_not_grow_with_the_cases_a_user_can_see(client, case, sgb2_colleague):
    """The colleague sees all the team's cases but is responsible for none of them."""
    client.force_login(sgb2_colleague)
    before = client.get(ADD, headers={"HX-Request": "true"})
    colleague_cases(case, 40)
    after = client.get(ADD, headers={"HX-Request": "true"})
    assert options_of(after.content, "case") == options_of(before.content, "case") == ["– keine Angabe –"]
    assert len(after.content) == len(before.content)


def test_a_case_that_is_not_offered_is_found_logged_and_kept_after_an_error(client, case, sgb2_colleague):
    client.force_login(sgb2_colleague)
    found = client.post(OPTIONS, {"field": "case", "case_search": case.reference[-4:]})
    assert case.reference in found.content.decode()
    data = {
        "date": timezone.localdate().isoformat(),
        "kind": "case",
        "activity_type": "counselling",
        "district": District.objects.get(slug="styrum").pk,
        "case": case.pk,
    }
    with_error = client.post(ADD, {**data, "minutes": ""})  # the select still shows the chosen case
    (chosen,) = html.fromstring(with_error.content).xpath('//select[@name="case"]/option[@selected]')
    assert chosen.text_content() == case.reference
    assert client.post(ADD, {**data, "minutes": "30"}).status_code == 302
    assert Activity.objects.get().case == case


def test_names_find_only_cases_the_user_may_read_in_full(client, case, sgb2_colleague, sgb8_worker):
    client.force_login(sgb2_colleague)
    assert case.reference in client.post(OPTIONS, {"field": "case", "case_search": "Müller"}).content.decode()
    client.force_login(sgb8_worker)  # sees the SGB II case pseudonymised: the name must not lead to it
    by_name = client.post(OPTIONS, {"field": "related_cases", "related_cases_search": "Müller"}).content.decode()
    assert case.reference not in by_name and "Kein offener Fall passt zu „Müller“." in by_name
    by_reference = client.post(OPTIONS, {"field": "related_cases", "related_cases_search": case.reference})
    assert case.reference in by_reference.content.decode()


def test_the_chosen_cases_stay_chosen_when_others_are_searched(client, case, sgb2_worker):
    others = colleague_cases(case, 2)
    client.force_login(sgb2_worker)
    response = client.post(
        OPTIONS,
        {"field": "related_cases", "related_cases": [case.pk, "x", "²", "9" * 30], "related_cases_search": "Nachname1"},
    )
    document = html.fromstring(response.content)
    assert document.xpath("//option[@selected]/text()") == [case.reference]
    assert others[1].reference in response.content.decode()
    assert client.post(OPTIONS, {"field": "nothing"}).status_code == 400
    # A digit that is no ASCII digit ("²".isdigit() is true) is no id, in the form too.
    assert client.post(ADD, {"kind": "cross_case", "related_cases": ["²"], "case": "²"}).status_code == 200
