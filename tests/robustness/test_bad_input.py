"""The server errors found by hand (issue 14): each one reproduced, each one now a German message
or a 404 — never a 500 and never half-written data."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from cases.models import Activity, Case, Person
from districts.models import Municipality
from meetings.models import AgendaItem
from networks.models import ContactPerson, Network, Partner
from sozialraum.validators import latest_date, plausible_date
from tests.factories import CaseFactory
from tests.helpers import open_case_data

pytestmark = pytest.mark.django_db


def test_a_person_of_another_case_is_not_found(client, case, sgb2_worker, styrum):
    other = CaseFactory(team=styrum, caseworker=sgb2_worker)
    stranger = other.persons.get()
    stranger.first_name = "Olga"
    stranger.save()
    client.force_login(sgb2_worker)
    url = reverse("cases:person_edit", args=[case.reference, stranger.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"first_name": "X", "last_name": "Y", "role": "household"}).status_code == 404
    assert Person.objects.get(pk=stranger.pk).first_name == "Olga"


@pytest.mark.parametrize("value", ["abc", "1.234", "12345678901234567890", "-1", ""])
def test_ids_that_are_no_numbers_are_not_found(client, meeting, styrum_lead, value):
    client.force_login(styrum_lead)
    response = client.post(reverse("meetings:agenda_add_case", args=[meeting.pk]), {"proposal": value})
    assert response.status_code == 404
    response = client.post(reverse("meetings:attendance", args=[meeting.pk]), {"remove_guest": value})
    assert response.status_code == 302
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


@pytest.mark.parametrize("target", ["geprueft", "logout", "12345", "//evil.example/", "https://evil.example/x", ""])
def test_next_is_followed_only_to_a_path_of_this_site(client, coordinator, reference_data, target):
    partner = Partner.objects.create(municipality=Municipality.objects.first(), name="Caritas")
    contact = ContactPerson.objects.create(partner=partner, name="Frau Beispiel")
    client.force_login(coordinator)
    response = client.post(reverse("networks:mark_checked", args=["contact", contact.pk]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:upkeep")
    response = client.post(reverse("networks:mark_checked", args=["contact", contact.pk]), {"next": "/partner/"})
    assert response["Location"] == "/partner/"


def test_a_nul_character_is_refused_as_a_whole_in_german(client, styrum, sgb2_worker):
    client.force_login(sgb2_worker)
    data = open_case_data(styrum, sgb2_worker)
    data["person-last_name"] = "Mül\x00ler"
    response = client.post(reverse("cases:case_open"), data)
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()
    assert not Case.objects.exists()
    assert client.get(reverse("cases:case_list") + "?status=\x00").status_code == 400


@pytest.mark.parametrize(
    "typed, message",
    [
        ("0001-01-01", "Bitte prüfen Sie das Datum: Es muss zwischen dem 01.01.1900 und dem"),
        ("1899-12-31", "Bitte prüfen Sie das Datum: Es muss zwischen dem 01.01.1900 und dem"),
        ("9999-12-31", "Ein Fall kann nicht in der Zukunft eröffnet werden."),
    ],
)
def test_implausible_dates_get_a_german_message_and_keep_the_input(client, styrum, sgb2_worker, typed, message):
    client.force_login(sgb2_worker)
    data = open_case_data(styrum, sgb2_worker)
    data["case-opened_on"] = typed
    response = client.post(reverse("cases:case_open"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'value="{typed}"' in page and 'value="Müller"' in page
    assert not Case.objects.exists()


def test_an_activity_in_year_one_is_refused(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    response = client.post(
        reverse("cases:activity_add"),
        {
            "kind": "case",
            "case": case.pk,
            "activity_type": "counselling",
            "date": "0001-01-01",
            "minutes": 30,
            "district": case.team.district_id,
        },
    )
    assert "Bitte prüfen Sie das Datum" in response.content.decode()
    assert not Activity.objects.filter(date__year=1).exists()


def test_five_years_ahead_is_plausible_six_are_not():
    plausible_date(timezone.localdate() + timedelta(days=5 * 365))
    with pytest.raises(Exception, match="Datum"):
        plausible_date(latest_date() + timedelta(days=1))
    with pytest.raises(Exception, match="Datum"):
        plausible_date(date(1899, 12, 31))


def test_next_in_the_pagination_reaches_page_two(client, case, sgb2_worker, styrum):
    for _ in range(50):
        CaseFactory(team=styrum, caseworker=sgb2_worker, legal_area=case.legal_area, service_area=case.service_area)
    client.force_login(sgb2_worker)
    first = html.fromstring(client.get(reverse("cases:case_list") + "?status=open").content)
    (following,) = first.xpath('//a[@class="page-link"][normalize-space()="Weiter"]/@href')
    assert following.startswith("?") and not following.startswith("??")
    second = client.get(reverse("cases:case_list") + following)
    assert "Seite 2 von 2" in second.content.decode()


def test_a_roster_line_like_an_existing_one_without_deputy_is_a_form_error(client, coordinator, reference_data):
    """The constraint treats an empty representative as equal (NULLS NOT DISTINCT); the form too."""
    municipality = Municipality.objects.get(slug="ulm")
    network = Network.objects.create(municipality=municipality, name="AG Wohnen", coordinator=coordinator)
    partner = Partner.objects.create(municipality=municipality, name="Caritas")
    line = {"partner": partner.pk, "field_of_work": "Wohnungsnotfallhilfe", "position": "0"}
    client.force_login(coordinator)
    url = reverse("networks:membership_add", args=[network.pk])
    assert client.post(url, line).status_code == 302
    response = client.post(url, line)
    assert response.status_code == 200
    assert "existiert bereits" in response.content.decode() or "bereits vorhanden" in response.content.decode()
    assert network.memberships.count() == 1


def test_a_roster_file_over_the_limit_is_refused_before_it_is_read(client, coordinator, reference_data, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.IMPORT_MAX_BYTES = 1_000_000
    municipality = Municipality.objects.get(slug="ulm")
    network = Network.objects.create(municipality=municipality, name="AG Wohnen", coordinator=coordinator)
    client.force_login(coordinator)
    big = SimpleUploadedFile("liste.csv", b"Feld;Person\n" + b"x;y\n" * 500_000)
    response = client.post(reverse("networks:roster_import", args=[network.pk]), {"file": big})
    assert "Die Datei ist 2,0 MB groß; importiert werden können höchstens 1,0 MB." in response.content.decode()
