"""The top bar's search (issue 10): one box for reference numbers, persons, partners, contacts,
networks, offers and districts; each role finds only what it may see, and names stay out of
URLs."""

import pytest
from django.urls import reverse

from districts.models import District
from networks.models import ContactPerson, Network, Offer, Partner
from sozialraum.models import AuditEvent

SEARCH = reverse("search")
PREVIEW = reverse("search_preview")


@pytest.fixture
def directory(styrum):
    partner = Partner.objects.create(municipality=styrum.district.municipality, name="Diakonie Styrum", kind="other")
    ContactPerson.objects.create(partner=partner, name="Petra Müllerschön")
    Network.objects.create(municipality=styrum.district.municipality, name="Runder Tisch Müllvermeidung")
    offer = Offer.objects.create(partner=partner, title="Sprechstunde Müllberatung", description="Trennen lernen")
    offer.districts.add(styrum.district)
    return partner


def results(client, term):
    response = client.post(SEARCH, {"q": term})
    assert response.status_code == 302 and term.lower() not in response["Location"].lower()
    page = client.get(response["Location"])
    return {str(group.title): [hit.label for hit in group.hits] for group in page.context["groups"]}, page


def test_caseworker_finds_the_person_with_a_typo_and_it_is_audited(client, case, sgb2_worker, directory):
    client.force_login(sgb2_worker)
    groups, page = results(client, "Muller")
    assert groups["Personen"] == ["Müller, Erika"]
    assert case.get_absolute_url() in page.content.decode()
    assert AuditEvent.objects.filter(object_type="cases.person", action="view", user_id=sgb2_worker.pk).exists()
    assert "Partner" not in groups or "Diakonie Styrum" not in groups.get("Partner", [])
    groups, _ = results(client, case.reference.lower())
    assert groups["Fälle"] == [case.reference]


def test_a_pseudonymised_reader_finds_no_person_and_sees_the_case_without_name(client, case, sgb8_worker):
    client.force_login(sgb8_worker)
    groups, page = results(client, "Müller")
    assert "Personen" not in groups
    groups, page = results(client, case.reference)
    assert groups["Fälle"] == [case.reference]
    html = page.content.decode()
    assert "Erika" not in html and "Müller" not in html.replace("Müller“", "")


def test_outsiders_find_nothing_of_the_case(client, case, outsider):
    client.force_login(outsider)
    groups, _ = results(client, case.reference)
    assert "Fälle" not in groups
    groups, _ = results(client, "Müller")
    assert "Personen" not in groups


@pytest.mark.parametrize(
    "user_fixture, expected_groups",
    [
        ("planner", {"Ansprechpersonen", "Netzwerke", "Angebote"}),
        ("coordinator", {"Ansprechpersonen", "Netzwerke", "Angebote"}),
        ("administrator", set()),
    ],
)
def test_other_roles_find_the_directory_but_no_case(client, request, case, directory, user_fixture, expected_groups):
    client.force_login(request.getfixturevalue(user_fixture))
    groups, page = results(client, "Müll")
    assert set(groups) == expected_groups
    assert case.reference not in page.content.decode()
    groups, _ = results(client, "Diakonie")
    assert groups.get("Partner", []) == (["Diakonie Styrum"] if expected_groups else [])
    groups, _ = results(client, case.reference)
    assert "Fälle" not in groups


def test_everyone_finds_districts(client, administrator, reference_data):
    client.force_login(administrator)
    groups, _ = results(client, "Böfingen")
    assert groups["Sozialräume"] == ["Böfingen"]
    assert District.objects.filter(name="Böfingen").exists()


def test_the_dropdown_shows_the_first_hits(client, case, sgb2_worker, directory):
    client.force_login(sgb2_worker)
    html = client.post(PREVIEW, {"q": "Diakoni"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Diakonie Styrum" in html and "<html" not in html
    assert "Nichts gefunden" in client.post(PREVIEW, {"q": "Xyzzy"}).content.decode()


def test_search_needs_a_role(client, roleless_user):
    assert client.post(SEARCH, {"q": "x"}).status_code == 302  # to the login page
    client.force_login(roleless_user)  # the "no role yet" page
    assert client.post(SEARCH, {"q": "x"}).status_code == 403
    assert client.get(SEARCH).status_code == 403


def test_the_search_box_is_on_every_page_for_users_with_a_role(client, sgb2_worker, planner):
    for user in (sgb2_worker, planner):
        client.force_login(user)
        assert 'id="top-search"' in client.get(reverse("districts:municipality_list")).content.decode()
