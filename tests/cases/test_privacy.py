"""DESIGN §4 rule 1: who sees a case, and how much of it — tested on the rendered HTML."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from cases import services
from cases.constants import ConsentScope
from cases.models import Case, Consent
from districts.models import LegalArea
from tests.factories import ConsentFactory
from tests.helpers import PERSONAL_DATA, give_consent


def case_urls(case):
    ref = case.reference
    goal = case.goals.first()
    urls = [
        reverse("cases:case_detail", args=[ref]),
        reverse("cases:case_edit", args=[ref]),
        reverse("cases:goal_add", args=[ref]),
        reverse("cases:resource_add", args=[ref]),
        reverse("cases:consent_add", args=[ref]),
        reverse("cases:person_add", args=[ref]),
        reverse("cases:person_edit", args=[ref, case.persons.first().pk]),
    ]
    if goal:
        urls.append(reverse("cases:goal_edit", args=[ref, goal.pk]))
    return urls


def post_only_urls(case):
    consent = give_consent(case, case.caseworker, scope=ConsentScope.TEAM, team=case.team)
    resource = services.add_to_case(case.caseworker, case.resources.model(case=case, kind="family", description="x"))
    return [
        reverse("cases:consent_withdraw", args=[case.reference, consent.pk]),
        reverse("cases:resource_delete", args=[case.reference, resource.pk]),
    ]


@pytest.mark.parametrize("user_fixture", ["outsider", "planner", "coordinator", "administrator"])
def test_users_outside_the_team_get_404_for_every_case_url(client, request, case, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    for url in case_urls(case):
        assert client.get(url).status_code == 404, url
    for url in case_urls(case)[1:] + post_only_urls(case):
        assert client.post(url, {}).status_code == 404, url


@pytest.mark.parametrize(
    "user_fixture, list_status",
    [("outsider", 200), ("planner", 404), ("coordinator", 404), ("administrator", 404)],
)
def test_cases_never_appear_for_users_outside_the_team(client, request, case, user_fixture, list_status):
    """A caseworker of another team gets the list without the case; roles without case work
    get no case list at all."""
    user = request.getfixturevalue(user_fixture)
    assert not Case.objects.visible_to(user).exists()
    client.force_login(user)
    response = client.get(reverse("cases:case_list"))
    assert response.status_code == list_status
    assert case.reference not in response.content.decode()


@pytest.mark.parametrize("user_fixture", ["sgb2_worker", "sgb2_colleague", "styrum_lead"])
def test_full_access_for_the_caseworker_and_its_legal_area(client, request, case, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))
    html = client.get(case.get_absolute_url()).content.decode()
    for value in ["Erika Müller", "14.03.1961", "Kaiserstraße 17", "0208 1234567"]:
        assert value in html
    assert client.get(reverse("cases:case_edit", args=[case.reference])).status_code == 200


def test_other_legal_area_sees_the_case_pseudonymised(client, case, sgb8_worker):
    services.add_to_case(sgb8_worker, case.goals.model(case=case, title="Bewerbung abschicken"))
    client.force_login(sgb8_worker)
    response = client.get(case.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    for value in PERSONAL_DATA:
        assert value not in html, value
    assert case.reference in html
    assert "pseudonymisiert" in html
    assert "Altersgruppe 65–79, weiblich, Sozialraum Styrum" in html
    assert "Ich will morgens wieder einen Grund zum Aufstehen haben." in html
    assert "Bewerbung abschicken" in html


def test_pseudonymised_reader_cannot_open_edit_pages(client, case, sgb8_worker):
    client.force_login(sgb8_worker)
    for url in case_urls(case)[1:]:
        assert client.get(url).status_code == 404, url


def test_case_list_shows_no_names_of_pseudonymised_cases(client, case, sgb8_worker):
    client.force_login(sgb8_worker)
    html = client.get(reverse("cases:case_list")).content.decode()
    assert case.reference in html
    for value in PERSONAL_DATA:
        assert value not in html, value


@pytest.mark.parametrize(
    ("user_fixture", "person_cell"), [("sgb2_worker", "Müller, Erika"), ("sgb8_worker", "pseudonymisiert")]
)
def test_case_list_row_as_the_reader_receives_it(client, request, case, user_fixture, person_cell):
    """The rows are drawn in Python (issue 15): every cell, the link and the badge as before."""
    client.force_login(request.getfixturevalue(user_fixture))
    page = html.fromstring(client.get(reverse("cases:case_list")).content)
    (row,) = page.xpath("//table/tbody/tr")
    cells = [cell.text_content().strip() for cell in row.xpath("td")]
    caseworker = case.caseworker.get_full_name()
    assert cells == [case.reference, person_cell, "Styrum", "SGB II", caseworker, "Start", "offen", cells[7]]
    assert cells[7] == case.opened_on.strftime("%d.%m.%Y")
    assert row.xpath("td[1]/a/@href") == [case.get_absolute_url()]
    if person_cell == "pseudonymisiert":
        assert row.xpath("td[2]/span[@data-bs-toggle='tooltip']/@title")[0].startswith("Ohne Namen angezeigt")


def test_consent_for_the_team_opens_the_case_and_withdrawal_closes_it_at_once(client, case, sgb2_worker, sgb8_worker):
    consent = give_consent(case, sgb2_worker, scope=ConsentScope.TEAM, team=case.team)
    client.force_login(sgb8_worker)
    assert "Erika Müller" in client.get(case.get_absolute_url()).content.decode()

    client.force_login(sgb2_worker)
    client.post(reverse("cases:consent_withdraw", args=[case.reference, consent.pk]))

    client.force_login(sgb8_worker)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Erika Müller" not in html
    assert "pseudonymisiert" in html


def test_consent_for_the_readers_legal_area_opens_the_case(case, sgb2_worker, sgb8_worker):
    give_consent(case, sgb2_worker, scope=ConsentScope.LEGAL_AREA, legal_area=LegalArea.objects.get(code="SGB VIII"))
    assert Case.objects.visible_to(sgb8_worker).get(pk=case.pk).full_access


@pytest.mark.parametrize(
    "target",
    [
        {"scope": ConsentScope.LEGAL_AREA, "legal_area_code": "SGB XII"},
        {"scope": ConsentScope.PARTNER_KIND, "partner_kind": "school"},
    ],
)
def test_consent_for_someone_else_does_not_open_the_case(case, sgb2_worker, sgb8_worker, target):
    target = dict(target)
    if "legal_area_code" in target:
        target["legal_area"] = LegalArea.objects.get(code=target.pop("legal_area_code"))
    give_consent(case, sgb2_worker, **target)
    assert not Case.objects.visible_to(sgb8_worker).get(pk=case.pk).full_access


def test_expired_consent_no_longer_counts(case, sgb2_worker, sgb8_worker):
    ConsentFactory(case=case, for_team=True, expired=True)
    assert not Case.objects.visible_to(sgb8_worker).get(pk=case.pk).full_access
    ConsentFactory(case=case, for_team=True)
    assert Case.objects.visible_to(sgb8_worker).get(pk=case.pk).full_access


def test_consent_withdrawn_a_minute_ago_no_longer_counts(case, sgb2_worker, sgb8_worker):
    consent = give_consent(case, sgb2_worker, scope=ConsentScope.TEAM, team=case.team)
    Consent.objects.filter(pk=consent.pk).update(withdrawn_at=timezone.now() - timedelta(minutes=1))
    assert not Case.objects.visible_to(sgb8_worker).get(pk=case.pk).full_access


class TestNameSearch:
    url = reverse("cases:case_list")

    def test_name_goes_by_post_and_never_into_the_url(self, client, case, sgb2_worker):
        client.force_login(sgb2_worker)
        response = client.post(self.url + "?status=open", {"name": "Müller"})
        assert response.status_code == 302
        assert "ller" not in response["Location"]
        page = client.get(response["Location"])
        assert case.reference in page.content.decode()
        assert "Müller" not in page.request["QUERY_STRING"]

    @pytest.mark.parametrize("search", ["Mueller", "müller", "MÜLLER", "erika muel", "Müll"])
    def test_german_spellings_find_the_same_person(self, client, case, sgb2_worker, search):
        client.force_login(sgb2_worker)
        found = client.post(self.url, {"name": search}, follow=True).context["cases"]
        assert [case.pk for case in found] == [case.pk]

    def test_unknown_name_finds_nothing_and_search_can_be_cleared(self, client, case, sgb2_worker):
        client.force_login(sgb2_worker)
        assert list(client.post(self.url, {"name": "Schmidt"}, follow=True).context["cases"]) == []
        cleared = client.post(self.url, {"clear_name": "1"}, follow=True)
        assert [found.pk for found in cleared.context["cases"]] == [case.pk]

    def test_name_search_does_not_reveal_pseudonymised_cases(self, client, case, sgb8_worker):
        client.force_login(sgb8_worker)
        assert list(client.post(self.url, {"name": "Müller"}, follow=True).context["cases"]) == []


def test_a_consent_lifts_reading_never_writing(client, case, sgb2_worker, sgb8_worker):
    """Finding 4 of issue 11: a consent naming the team let an SGB VIII member edit the SGB II
    case and its persons. Reading in full, yes; every page and action that changes it, 404."""
    give_consent(case, sgb2_worker, scope=ConsentScope.TEAM, team=case.team)
    client.force_login(sgb8_worker)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Erika Müller" in page
    assert reverse("cases:case_edit", args=[case.reference]) not in page
    assert reverse("cases:goal_add", args=[case.reference]) not in page
    for url in case_urls(case)[1:]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"first_name": "Geändert"}).status_code == 404, url
    for url in post_only_urls(case):
        assert client.post(url, {}).status_code == 404, url
    assert case.persons.get().first_name == "Erika"
    assert Case.objects.visible_to(sgb8_worker).get(pk=case.pk).may_edit is False
    assert Case.objects.visible_to(sgb2_worker).get(pk=case.pk).may_edit is True


def test_my_open_cases_on_the_start_page_as_the_caseworker_receives_them(client, case, sgb2_worker):
    """Drawn in Python since issue 15: link, name, district, legal area and phase as before."""
    client.force_login(sgb2_worker)
    page = html.fromstring(client.get(reverse("home")).content)
    (item,) = page.xpath("//section[@aria-labelledby='cases-heading']//li")
    assert " ".join(item.text_content().split()) == f"{case.reference} Müller, Erika · Styrum · SGB II · Start"
    assert item.xpath("a/@href") == [case.get_absolute_url()]


def test_no_open_cases_of_ones_own_says_so_on_the_start_page(client, case, sgb8_worker):
    client.force_login(sgb8_worker)
    page = html.fromstring(client.get(reverse("home")).content)
    (item,) = page.xpath("//section[@aria-labelledby='cases-heading']//li")
    assert item.text_content().strip() == "Sie haben keine offenen Fälle."
