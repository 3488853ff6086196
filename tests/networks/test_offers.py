import json
from pathlib import Path

import jsonschema
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.hsds import export
from networks.models import ContactPerson, Network, Offer, Partner

HSDS = Path(__file__).resolve().parent / "hsds-3.0"


def found(client, **params):
    return [offer.title for offer in client.get(reverse("networks:offer_list"), params).context["offers"]]


@pytest.fixture
def offers(offer, partner, wiblingen):
    cafe = Offer.objects.create(
        partner=partner,
        title="Sprachcafé",
        description="Deutsch üben und Beratungen zu Ämtern.",
        topics=["leisure"],
        target_groups=["migrants"],
        languages=["Deutsch", "Arabisch"],
    )
    cafe.districts.add(wiblingen)
    Offer.objects.create(
        partner=partner,
        title="Abgelaufene Hausaufgabenhilfe",
        topics=["care"],
        valid_until=timezone.localdate() - timezone.timedelta(days=1),
    )
    return [offer, cafe]


def test_german_full_text_search_finds_word_forms(client, caseworker, offers):
    client.force_login(caseworker)
    assert found(client, q="Beratung") == ["Sprachcafé"]  # "Beratungen" in the text
    assert found(client, q="Einkauf begleiten") == ["Einkaufsbegleitung für ältere Menschen"]
    assert found(client, q="Behördengang") == ["Einkaufsbegleitung für ältere Menschen"]
    assert found(client, q="Schwimmkurs") == []


def test_filters_by_topic_target_group_district_and_language(client, caseworker, offers, wiblingen):
    client.force_login(caseworker)
    assert found(client, topic="leisure") == ["Sprachcafé"]
    assert found(client, target_group="older_people") == ["Einkaufsbegleitung für ältere Menschen"]
    assert found(client, language="arab") == ["Sprachcafé"]
    assert sorted(found(client, district=wiblingen.pk)) == ["Einkaufsbegleitung für ältere Menschen", "Sprachcafé"]
    assert "Abgelaufene Hausaufgabenhilfe" not in found(client)


def test_bad_filter_values_give_a_page_not_an_error(client, caseworker, offers):
    client.force_login(caseworker)
    response = client.get(reverse("networks:offer_list"), {"topic": "nonsense", "district": "x", "q": "&|!"})
    assert response.status_code == 200


def make_offers(partner, district, count):
    created = Offer.objects.bulk_create(
        [
            Offer(partner=partner, title=f"Angebot {number}", description="Beratung im Quartier", topics=["housing"])
            for number in range(count)
        ]
    )
    for offer in created:
        offer.districts.add(district)


def grow_directory(partner, district, count, start=0):
    """More offers, partners with contacts, and networks with members."""
    make_offers(partner, district, count)
    for number in range(start, start + count):
        other = Partner.objects.create(municipality=partner.municipality, name=f"Partner {number}")
        other.districts.add(district)
        ContactPerson.objects.create(partner=other, name=f"Kontakt {number}")
        network = Network.objects.create(municipality=partner.municipality, name=f"Netzwerk {number}", purpose="Ziel")
        network.districts.add(district)
        network.memberships.create(partner=other, field_of_work="Feld")


@pytest.mark.parametrize("url_name", ["networks:offer_list", "networks:partner_list", "networks:network_list"])
def test_directory_pages_keep_a_fixed_number_of_queries(
    client, caseworker, partner, wiblingen, url_name, django_assert_max_num_queries
):
    grow_directory(partner, wiblingen, 3)
    client.force_login(caseworker)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse(url_name))
    grow_directory(partner, wiblingen, 30, start=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse(url_name)).status_code == 200


WORDS = [
    "Nachbarschaft",
    "Familie",
    "Kinder",
    "Jugend",
    "Senioren",
    "Garten",
    "Kochen",
    "Musik",
    "Sport",
    "Lesen",
    "Schreiben",
    "Computer",
    "Tanz",
    "Theater",
    "Werkstatt",
    "Fahrrad",
    "Wandern",
    "Malen",
    "Nähen",
    "Spielen",
    "Frühstück",
    "Mittagstisch",
    "Begegnung",
    "Austausch",
    "Gesprächskreis",
    "Chor",
    "Yoga",
    "Schach",
    "Kaffee",
    "Markt",
    "Ausflug",
    "Bibliothek",
    "Hausaufgaben",
    "Bewerbung",
    "Sprachkurs",
    "Integration",
    "Pflege",
    "Demenz",
]


def realistic_description(number: int) -> str:
    """About 400 characters from a varied vocabulary, as real offer texts are."""
    return " ".join(WORDS[(number * 7 + step * 13) % len(WORDS)] for step in range(45))


def test_text_search_on_5000_offers_uses_the_index(partner):
    Offer.objects.bulk_create(
        [
            Offer(
                partner=partner,
                title=f"Angebot {WORDS[number % len(WORDS)]} {number}",
                description=realistic_description(number),
            )
            for number in range(5000)
        ]
        + [Offer(partner=partner, title="Schuldnerberatung", description="Hilfe bei Schulden und Mietrückständen")]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE networks_offer")
        cursor.execute(
            "EXPLAIN SELECT id FROM networks_offer "
            "WHERE search_vector @@ websearch_to_tsquery('german'::regconfig, 'Schulden')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "offer_search_vector_gin" in plan, plan
    assert "Seq Scan on networks_offer" not in plan, plan


def test_hsds_export_validates_against_the_official_schemas(client, planner, offers, contact):
    client.force_login(planner)
    response = client.get(reverse("networks:offer_hsds"))
    data = json.loads(response.content)
    assert len(data["services"]) == 2  # the expired offer is not exported
    checker = jsonschema.FormatChecker()
    schemas = {
        name: json.loads((HSDS / f"{name}.json").read_text())
        for name in ["organization", "service", "service_at_location"]
    }
    for item in data["organizations"]:
        jsonschema.validate(item, schemas["organization"], format_checker=checker)
    for item in data["services"]:
        jsonschema.validate(item, schemas["service"], format_checker=checker)
    for item in data["service_at_locations"]:
        jsonschema.validate(item, schemas["service_at_location"], format_checker=checker)
    service = next(item for item in data["services"] if item["name"] == "Sprachcafé")
    assert {language["name"] for language in service["languages"]} == {"Deutsch", "Arabisch"}
    assert service["organization_id"] == data["organizations"][0]["id"]


def test_hsds_ids_are_stable(offers):
    assert export(Offer.objects.current().order_by("pk")) == export(Offer.objects.current().order_by("pk"))


def test_offer_dates_in_wrong_order_are_refused(client, coordinator, partner):
    client.force_login(coordinator)
    response = client.post(
        reverse("networks:offer_add"),
        {
            "partner": partner.pk,
            "title": "Kurs",
            "valid_from": "2026-05-01",
            "valid_until": "2026-04-01",
        },
    )
    assert response.status_code == 200
    assert "Das Ende liegt vor dem Beginn." in response.content.decode()
    assert not Offer.objects.exists()


def test_coordinator_adds_offer_with_languages(client, coordinator, partner, wiblingen):
    client.force_login(coordinator)
    response = client.post(
        reverse("networks:offer_add"),
        {
            "partner": partner.pk,
            "title": "Mittagstisch",
            "topics": ["everyday"],
            "target_groups": ["all"],
            "districts": [wiblingen.pk],
            "languages": "Deutsch, Türkisch ,",
            "cost": "3 €",
        },
    )
    offer = Offer.objects.get()
    assert response["Location"] == offer.get_absolute_url()
    assert offer.languages == ["Deutsch", "Türkisch"]


def test_upkeep_lists_stale_entries_and_lines_without_deputy(client, coordinator, partner, contact, offer, network):
    stale = type(contact).objects.create(partner=partner, name="Nie Geprüft")
    network.memberships.create(partner=partner, field_of_work="Nachbarschaftshilfe", representative=stale)
    client.force_login(coordinator)
    html = client.get(reverse("networks:upkeep")).content.decode()
    assert "Nie Geprüft" in html and "Nachbarschaftshilfe" in html
    response = client.post(
        reverse("networks:mark_checked", args=["contact", stale.pk]), {"next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:upkeep")  # a foreign "next" is not followed
    stale.refresh_from_db()
    assert stale.last_checked_on == timezone.localdate()
    local = client.post(
        reverse("networks:mark_checked", args=["offer", offer.pk]), {"next": partner.get_absolute_url()}
    )
    assert local["Location"] == partner.get_absolute_url()


def test_schema_copies_are_the_official_ones():
    shared = Path(__file__).resolve().parents[3] / "shared" / "hsds-3.0"
    if not shared.exists():
        pytest.skip("shared/hsds-3.0 is not beside this clone")
    for name in ["organization", "service", "service_at_location"]:
        assert (HSDS / f"{name}.json").read_bytes() == (shared / f"{name}.json").read_bytes()
