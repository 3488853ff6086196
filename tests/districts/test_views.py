import re

import pytest
from django.urls import reverse

from districts.models import District, IndicatorValue, Locality
from tests.factories import DistrictFactory, LocalityFactory, MembershipFactory, TeamFactory


def text_of(response) -> str:
    """The page as a reader sees it: tags removed, whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


STYRUM_URL = reverse("districts:district_detail", args=["muelheim-an-der-ruhr", "styrum"])


def test_styrum_profile_shows_the_seed_figures_compared_with_the_city(client, sgb8_worker):
    client.force_login(sgb8_worker)
    text = text_of(client.get(STYRUM_URL))

    assert "Einwohner insgesamt 15.921 172.593 9,2 % der Stadt 2017" in text
    assert "Einwohner 0 bis 64 Jahre 13.106 132.360 9,9 % der Stadt" in text
    assert "SGB-II-Leistungsberechtigte 3.782 21.057 18,0 % der Stadt" in text
    assert "28,9 % gegenüber 15,9 %" in text
    assert "Stichtag 2017 – Quelle: Stadt Mülheim an der Ruhr/Jobcenter (2017)" in text


def test_styrum_profile_shows_team_members_and_roles(client, sgb8_worker, styrum_lead):
    client.force_login(sgb8_worker)
    text = text_of(client.get(STYRUM_URL))
    assert "Sozialraumteam Styrum" in text
    assert f"{styrum_lead.get_full_name()} Leitung Casemanagement SGB II" in text
    assert f"{sgb8_worker.get_full_name()} Mitglied Kommunaler Sozialer Dienst SGB VIII" in text


def test_ulm_district_profile_shows_villages_staff_and_2014_figures(client, planner, reference_data):
    client.force_login(planner)
    text = text_of(client.get(reverse("districts:district_detail", args=["ulm", "boefingen"])))
    assert "Jungingen (Ortschaft)" in text
    assert "Einwohner insgesamt 18.404" in text
    assert "Über 60-Jährige 4.850" in text
    assert "31.12.2014" in text
    assert "Böfingen ca. 18 12 6" in text
    assert "kein Stadtwert" in text  # the seed has no city figure for Ulm


def test_ulm_shows_its_five_districts_side_by_side(client, planner, reference_data):
    client.force_login(planner)
    text = text_of(client.get(reverse("districts:municipality_detail", args=["ulm"])))
    assert "Böfingen Eselsberg Mitte/Ost Weststadt/Söflingen Wiblingen Summe der Sozialräume" in text
    assert "Einwohner insgesamt 18.404 17.653 23.042 40.857 21.585 121.541" in text
    assert "Einwohner mit Migrationshintergrund 6.823 7.463 8.210 14.689 10.071 47.256" in text
    assert "Finanzvolumen der Abteilung Soziales (inkl. interner Verrechnung) 117.402.774 €" in text
    assert "Zentrale Verwaltung ca. 31 22 9" in text


def test_municipality_list_names_districts_and_villages(client, coordinator, reference_data):
    client.force_login(coordinator)
    text = text_of(client.get(reverse("districts:municipality_list")))
    assert "Mülheim an der Ruhr" in text
    assert "Styrum – 15.921 Einwohner" in text
    assert "mit Unterweiler, Donaustetten, Göggingen" in text or "mit Donaustetten, Göggingen, Unterweiler" in text
    assert "Bielefeld" in text


def test_team_page_lists_members_with_roles(client, styrum_lead, sgb8_worker, styrum):
    client.force_login(styrum_lead)
    text = text_of(client.get(styrum.get_absolute_url()))
    assert "2 Mitglieder im Sozialraum Styrum" in text
    assert "Leitung" in text


def test_unknown_district_gives_404(client, caseworker, reference_data):
    client.force_login(caseworker)
    assert client.get(reverse("districts:district_detail", args=["ulm", "styrum"])).status_code == 404


class TestDistrictList:
    url = reverse("districts:district_list")

    def test_filter_by_municipality(self, client, caseworker, reference_data):
        client.force_login(caseworker)
        text = text_of(client.get(self.url, {"municipality": "ulm"}))
        assert "5 Sozialräume gefunden" in text
        assert "Styrum" not in text

    def test_search_finds_district_by_village(self, client, caseworker, reference_data):
        client.force_login(caseworker)
        text = text_of(client.get(self.url, {"q": "Jungingen"}))
        assert "1 Sozialraum gefunden" in text
        assert "Böfingen" in text

    def test_sort_by_inhabitants_descending(self, client, caseworker, reference_data):
        client.force_login(caseworker)
        response = client.get(self.url, {"ordering": "-inhabitants", "municipality": "ulm"})
        names = [district.name for district in response.context["districts"]]
        assert names == ["Weststadt/Söflingen", "Mitte/Ost", "Wiblingen", "Böfingen", "Eselsberg"]

    def test_pagination(self, client, caseworker, reference_data):
        for _ in range(30):
            DistrictFactory()
        client.force_login(caseworker)
        first = client.get(self.url)
        assert len(first.context["districts"]) == 25
        assert "Seite 1 von 2" in text_of(first)
        assert len(client.get(self.url, {"page": 2}).context["districts"]) == 11

    def test_bad_ordering_is_ignored_not_an_error(self, client, caseworker, reference_data):
        client.force_login(caseworker)
        response = client.get(self.url, {"ordering": "password", "municipality": "gibt-es-nicht"})
        assert response.status_code == 200


def grow(district: District, size: int) -> None:
    """Give a district more localities, teams, members and staff than before."""
    for _ in range(size):
        LocalityFactory(district=district)
        team = TeamFactory(district=district)
        for _ in range(3):
            MembershipFactory(team=team)
        DistrictFactory(municipality=district.municipality)


def count_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        STYRUM_URL,
        reverse("districts:district_list"),
        reverse("districts:municipality_list"),
        reverse("districts:municipality_detail", args=["muelheim-an-der-ruhr"]),
    ],
)
def test_pages_keep_a_fixed_number_of_queries(client, sgb8_worker, styrum_lead, django_assert_max_num_queries, url):
    client.force_login(sgb8_worker)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    grow(District.objects.get(slug="styrum"), 8)
    count_queries(client, url, django_assert_max_num_queries, len(small.captured_queries))


def test_team_page_keeps_a_fixed_number_of_queries(client, sgb8_worker, styrum, django_assert_max_num_queries):
    client.force_login(sgb8_worker)
    count_queries(client, styrum.get_absolute_url(), django_assert_max_num_queries, 8)
    for _ in range(20):
        MembershipFactory(team=styrum)
    count_queries(client, styrum.get_absolute_url(), django_assert_max_num_queries, 8)


def test_localities_and_values_belong_to_reference_data(reference_data):
    assert Locality.objects.count() == 11
    assert IndicatorValue.objects.filter(district__municipality__slug="ulm").count() == 20
