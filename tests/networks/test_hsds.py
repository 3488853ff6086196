"""The offer directory in Open Referral HSDS 3.0: the bundle and the API, validated against the
specification's own schemas (copied unchanged into hsds-3.0/), plus the rules the schemas only
state in words (extent types, ISO 639 codes, HH:MM with offset)."""

import functools
import importlib
import json
import re
from datetime import date, time
from pathlib import Path

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.constants import Rhythm
from networks.hsds import export, taxonomy_term_id
from networks.models import Offer, Partner, Place

HSDS = Path(__file__).resolve().parent / "hsds-3.0"
SCHEMAS = [
    "organization",
    "service",
    "service_at_location",
    "organization_list",
    "service_list",
    "service_at_location_list",
]
PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}
EXTENT_TYPES = {"geojson", "topojson", "kml", "text"}
ISO_639 = re.compile(r"^[a-z]{2,3}$")
HH_MM_OFFSET = re.compile(r"^\d\d:\d\d([+-]\d\d:\d\d|Z)$")


@functools.cache
def validator(name: str):
    """Checked and compiled once: the compiled schemas are large, checking them is most of the time."""
    schema = json.loads((HSDS / f"{name}.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=jsonschema.FormatChecker())


def validate(item: dict, name: str) -> None:
    validator(name).validate(item)


@pytest.fixture
def place(wiblingen):
    return Place.objects.create(
        municipality=wiblingen.municipality,
        name="Bürgerzentrum Wiblingen",
        street="Buchauer Straße 12",
        postal_code="89079",
        city="Ulm",
        latitude="48.366512",
        longitude="9.979738",
        accessibility="Stufenloser Zugang",
    )


@pytest.fixture
def offers(offer, partner, wiblingen, place, contact):
    offer.place = place
    offer.contact_person = contact
    offer.weekdays, offer.opens_at, offer.closes_at = [1, 3], time(15), time(17)
    offer.rhythm = Rhythm.BIWEEKLY
    offer.times = "nicht in den Schulferien"
    offer.save()
    cafe = Offer.objects.create(
        partner=partner,
        title="Sprachcafé",
        description="Deutsch üben und Beratungen zu Ämtern.",
        topics=["leisure"],
        target_groups=["migrants"],
        languages=["Deutsch", "Arabisch", "Klingonisch"],
        place=place,
        times="nach Vereinbarung",
    )
    cafe.districts.add(wiblingen)
    Offer.objects.create(
        partner=partner,
        title="Abgelaufene Hausaufgabenhilfe",
        topics=["care"],
        valid_until=timezone.localdate() - timezone.timedelta(days=1),
    )
    return [offer, cafe]


def test_bundle_validates_against_the_official_schemas_and_their_rules_in_words(client, planner, offers, place):
    client.force_login(planner)
    data = json.loads(client.get(reverse("networks:offer_hsds")).content)
    assert len(data["services"]) == 2  # the expired offer is not exported
    for item in data["organizations"]:
        validate(item, "organization")
    for item in data["services"]:
        validate(item, "service")
        assert "alternate_name" not in item  # topics are taxonomy terms now
        for area in item["service_areas"]:
            assert area["extent_type"] in EXTENT_TYPES
        for language in item["languages"]:
            assert "code" not in language or ISO_639.match(language["code"])
    for item in data["service_at_locations"]:
        validate(item, "service_at_location")
    # Two offers in the Bürgerzentrum: one location, with its address and coordinates.
    assert [location["id"] for location in data["locations"]] == [str(place.public_id)]
    [location] = data["locations"]
    assert location["addresses"][0] | {"id": None} == {
        "id": None,
        "location_id": str(place.public_id),
        "address_1": "Buchauer Straße 12",
        "postal_code": "89079",
        "city": "Ulm",
        "state_province": "Baden-Württemberg",
        "country": "DE",
        "address_type": "physical",
    }
    assert (location["latitude"], location["longitude"]) == (48.366512, 9.979738)
    assert location["accessibility"][0]["description"] == "Stufenloser Zugang"
    assert {item["location_id"] for item in data["service_at_locations"]} == {str(place.public_id)}


def test_services_carry_languages_phones_contacts_and_taxonomy_terms(offers, contact):
    data = export(Offer.objects.current())
    services = {service["name"]: service for service in data["services"]}
    cafe = services["Sprachcafé"]
    assert [(language["name"], language.get("code")) for language in cafe["languages"]] == [
        ("Deutsch", "de"),
        ("Arabisch", "ar"),
        ("Klingonisch", None),  # not guessed
    ]
    assert cafe["phones"][0]["number"] == "0731 123456"  # the partner's, without a contact person
    shopping = services["Einkaufsbegleitung für ältere Menschen"]
    assert shopping["contacts"][0] | {"id": None, "phones": None} == {
        "id": None,
        "phones": None,
        "service_id": shopping["id"],
        "name": "Claudia Haupt",
        "title": "Leitung",
        "email": "haupt@rufundtat.example",
    }
    assert shopping["contacts"][0]["phones"][0]["number"] == "0731 161-5100"
    assert shopping["phones"][0]["number"] == "0731 161-5100"
    terms = {(attribute["link_type"], attribute["taxonomy_term"]["name"]) for attribute in shopping["attributes"]}
    assert terms == {
        ("topic", "Alltagsbewältigung, Haushalt und Essensversorgung"),
        ("topic", "Antragsunterstützung und Ämterbegleitung"),
        ("target_group", "Ältere Menschen"),
    }
    assert all(attribute["link_id"] == shopping["id"] for attribute in shopping["attributes"])


def test_regular_times_become_schedules(offers):
    offer = offers[0]
    summer = date(timezone.localdate().year + 1, 7, 1)
    offer.valid_from = summer
    offer.save()
    [schedule] = export(Offer.objects.filter(pk=offer.pk))["services"][0]["schedules"]
    assert schedule | {"id": None} == {
        "id": None,
        "service_id": str(offer.public_id),
        "freq": "WEEKLY",
        "interval": 2,
        "byday": "TU,TH",
        "wkst": "MO",
        "opens_at": "15:00+02:00",  # summer time on the reference day
        "closes_at": "17:00+02:00",
        "timezone": 2,
        "valid_from": summer.isoformat(),
        "description": "Dienstag, Donnerstag, 15:00–17:00 Uhr, alle zwei Wochen",
        "notes": "nicht in den Schulferien",
    }
    offer.valid_from, offer.weekdays, offer.rhythm = date(timezone.localdate().year + 1, 1, 10), [4], Rhythm.LAST
    offer.save()
    [schedule] = export(Offer.objects.filter(pk=offer.pk))["services"][0]["schedules"]
    assert (schedule["freq"], schedule["byday"], schedule["opens_at"]) == ("MONTHLY", "-1FR", "15:00+01:00")
    assert HH_MM_OFFSET.match(schedule["closes_at"])
    cafe = export(Offer.objects.filter(pk=offers[1].pk))["services"][0]
    assert cafe["schedules"][0]["description"] == "nach Vereinbarung"
    assert "freq" not in cafe["schedules"][0]


def test_ids_are_stable_and_stored(offers):
    first = export(Offer.objects.current().order_by("pk"))
    assert first == export(Offer.objects.current().order_by("pk"))
    assert {service["id"] for service in first["services"]} == {str(offer.public_id) for offer in offers}


def test_api_lists_are_paginated_pages_of_the_list_schemas(client, planner, offers, partner):
    client.force_login(planner)
    first = client.get(reverse("networks:hsds_services"), {"per_page": 1}).json()
    assert set(first) == PAGE_KEYS
    assert (first["total_items"], first["total_pages"], first["size"], first["first_page"], first["last_page"]) == (
        3,
        3,
        1,
        True,
        False,
    )
    last = client.get(reverse("networks:hsds_services"), {"per_page": 1, "page": 3}).json()
    assert (last["page_number"], last["last_page"], last["empty"]) == (3, True, False)
    beyond = client.get(reverse("networks:hsds_services"), {"per_page": 1, "page": 9}).json()
    assert (beyond["empty"], beyond["contents"]) == (True, [])
    every = client.get(reverse("networks:hsds_services")).json()
    for item in every["contents"]:
        validate(item, "service_list")
    assert {item["status"] for item in every["contents"]} == {"active", "inactive"}
    for item in client.get(reverse("networks:hsds_services"), {"full": "true"}).json()["contents"]:
        validate(item, "service")
    organizations = client.get(reverse("networks:hsds_organizations")).json()
    assert [item["name"] for item in organizations["contents"]] == [partner.name]
    validate(organizations["contents"][0], "organization_list")
    at_locations = client.get(reverse("networks:hsds_service_at_locations"), {"postcode": "89079"}).json()
    assert at_locations["total_items"] == 2
    for item in at_locations["contents"]:
        validate(item, "service_at_location_list")
    terms = client.get(reverse("networks:hsds_taxonomy_terms")).json()
    assert terms["total_items"] > 10 and all(term["taxonomy_id"] for term in terms["contents"])
    assert client.get(reverse("networks:hsds_root")).json()["version"] == "3.0"


def test_api_single_records_and_filters(client, planner, offers, partner, wiblingen):
    client.force_login(planner)
    offer = offers[0]
    service = client.get(reverse("networks:hsds_service", args=[offer.public_id])).json()
    validate(service, "service")
    assert service["service_at_locations"][0]["location"]["name"] == "Bürgerzentrum Wiblingen"
    organization = client.get(reverse("networks:hsds_organization", args=[partner.public_id])).json()
    validate(organization, "organization")
    assert len(organization["services"]) == 3
    other = Partner.objects.create(municipality=wiblingen.municipality, name="Tafel")
    Offer.objects.create(partner=other, title="Lebensmittelausgabe", topics=["everyday"])

    def names(**params):
        return sorted(item["name"] for item in client.get(reverse("networks:hsds_services"), params).json()["contents"])

    assert names(organization_id=str(other.public_id)) == ["Lebensmittelausgabe"]
    assert names(taxonomy_term_id=taxonomy_term_id("topic", "leisure")) == ["Sprachcafé"]
    assert names(taxonomy_term_id="00000000-0000-0000-0000-000000000000") == []
    assert names(search="Sprachcafé") == ["Sprachcafé"]
    assert names(modified_after="2999-01-01") == []
    assert len(names(modified_after="2000-01-01T00:00:00+01:00")) == 4


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "x"}, "page muss eine ganze Zahl ab 1 sein."),
        ({"per_page": "0"}, "per_page muss eine ganze Zahl ab 1 sein."),
        ({"modified_after": "gestern"}, "modified_after muss ein Datum"),
        ({"organization_id": "1"}, "organization_id muss eine UUID sein."),
    ],
)
def test_bad_api_parameters_get_a_400_in_german(client, planner, offers, params, message):
    client.force_login(planner)
    response = client.get(reverse("networks:hsds_services"), params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_unknown_records_are_a_json_404(client, planner, offers):
    client.force_login(planner)
    response = client.get(reverse("networks:hsds_service", args=["6f1c8e2a-5b0d-4c1e-9a57-3d2f7c1b9e40"]))
    assert response.status_code == 404
    assert response.json() == {"detail": "Nicht gefunden."}


def test_api_lists_keep_a_fixed_number_of_queries(client, planner, offers, partner, place, wiblingen):
    client.force_login(planner)

    def queries(url_name, **params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(url_name), params).status_code == 200
        return len(captured)

    before = {
        name: queries(name, full="true", full_service="true")
        for name in ["networks:hsds_services", "networks:hsds_organizations", "networks:hsds_service_at_locations"]
    }
    for number in range(8):
        other = Partner.objects.create(municipality=wiblingen.municipality, name=f"Träger {number}")
        more = Offer.objects.create(partner=other, title=f"Angebot {number}", place=place, weekdays=[0])
        more.districts.add(wiblingen)
    after = {name: queries(name, full="true", full_service="true") for name in before}
    assert after == before


def test_schema_copies_are_the_official_ones():
    shared = Path(__file__).resolve().parents[3] / "shared" / "hsds-3.0"
    if not shared.exists():
        pytest.skip("shared/hsds-3.0 is not beside this clone")
    for name in SCHEMAS:
        assert (HSDS / f"{name}.json").read_bytes() == (shared / f"{name}.json").read_bytes()


def test_the_migration_reads_simple_free_text_times():
    migration = importlib.import_module("networks.migrations.0008_places_schedules_public_ids")
    assert migration.regular_time("dienstags 15–17 Uhr") == (1, (15, 0), (17, 0))
    assert migration.regular_time("Donnerstags 9:30 - 11 Uhr") == (3, (9, 30), (11, 0))
    assert migration.regular_time("nach Vereinbarung") is None
    assert migration.regular_time("montags 17–15 Uhr") is None
