import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.models import ContactPerson, Network, Offer, Partner, Place


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


def offer_post(partner, **values) -> dict:
    return {"partner": partner.pk, "title": "Mittagstisch", **values}


def test_offer_with_a_regular_time_at_a_new_place(client, coordinator, partner, contact):
    client.force_login(coordinator)
    response = client.post(
        reverse("networks:offer_add"),
        offer_post(
            partner,
            weekdays=["1", "3"],
            opens_at="12:00",
            closes_at="13:30",
            rhythm="biweekly",
            times="nicht in den Schulferien",
            new_place_name="Bürgerzentrum Wiblingen",
            new_place_street="Buchauer Straße 12",
            new_place_postal_code="89079",
            new_place_city="Ulm",
            contact_person=contact.pk,
        ),
    )
    offer = Offer.objects.get()
    assert response["Location"] == offer.get_absolute_url()
    assert (offer.weekdays, str(offer.opens_at), offer.rhythm) == ([1, 3], "12:00:00", "biweekly")
    assert (offer.place.name, offer.place.address) == ("Bürgerzentrum Wiblingen", "Buchauer Straße 12, 89079 Ulm")
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "Dienstag, Donnerstag, 12:00–13:30 Uhr, alle zwei Wochen" in page
    assert "nicht in den Schulferien" in page and "Buchauer Straße 12, 89079 Ulm" in page
    assert "Claudia Haupt" in page and 'href="tel:' in page
    # The second offer there picks the place; typing its name again is refused, not doubled.
    again = client.post(reverse("networks:offer_add"), offer_post(partner, new_place_name="bürgerzentrum wiblingen"))
    assert "Diesen Ort gibt es schon" in again.content.decode()
    client.post(reverse("networks:offer_add"), offer_post(partner, title="Sprachcafé", place=offer.place.pk))
    assert Place.objects.count() == 1 and offer.place.offers.count() == 2


def test_offer_edit_can_create_a_place_too(client, coordinator, offer, partner):
    client.force_login(coordinator)
    data = offer_post(partner, title=offer.title, version=offer.version, new_place_name="Stadtteilbibliothek")
    response = client.post(reverse("networks:offer_edit", args=[offer.pk]), data)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.place.name == "Stadtteilbibliothek"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"weekdays": ["1"]}, "Bitte angeben, wann das Angebot beginnt."),
        ({"opens_at": "15:00", "closes_at": "17:00"}, "Bitte den Wochentag oder die Wochentage"),
        ({"weekdays": ["1"], "opens_at": "17:00", "closes_at": "15:00"}, "Das Ende liegt vor dem Beginn."),
        ({"new_place_street": "Hauptstraße 1"}, "Bitte den Namen des neuen Orts eingeben."),
        ({"weekdays": ["9"], "opens_at": "25:61"}, "Bitte eine gültige Uhrzeit eingeben."),
    ],
)
def test_offer_times_and_places_that_do_not_fit_are_refused(client, coordinator, partner, values, message):
    client.force_login(coordinator)
    response = client.post(reverse("networks:offer_add"), offer_post(partner, **values))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'value="Mittagstisch"' in response.content.decode()  # the input stays
    assert not Offer.objects.exists() and not Place.objects.exists()


def test_a_contact_person_of_another_partner_is_refused(client, coordinator, partner, wiblingen):
    other = Partner.objects.create(municipality=wiblingen.municipality, name="Tafel")
    stranger = ContactPerson.objects.create(partner=other, name="Fremde Person")
    client.force_login(coordinator)
    response = client.post(reverse("networks:offer_add"), offer_post(partner, contact_person=stranger.pk))
    assert "Diese Person arbeitet für einen anderen Partner." in response.content.decode()
    assert not Offer.objects.exists()


def test_places_are_listed_and_kept_with_both_coordinates(client, coordinator, caseworker, wiblingen):
    client.force_login(coordinator)
    data = {"municipality": wiblingen.municipality_id, "name": "Bürgerzentrum", "latitude": "48.36"}
    response = client.post(reverse("networks:place_add"), data)
    assert "Bitte beide Koordinaten angeben oder keine." in response.content.decode()
    response = client.post(reverse("networks:place_add"), data | {"longitude": "9.98", "street": "Markt 1"})
    assert response["Location"] == reverse("networks:place_list")
    place = Place.objects.get()
    client.force_login(caseworker)
    listing = client.get(reverse("networks:place_list")).content.decode()
    assert "Bürgerzentrum" in listing and "Markt 1" in listing
    assert reverse("networks:place_edit", args=[place.pk]) not in listing  # readers do not edit


def test_contact_pickers_name_the_partner_of_each_option(client, coordinator, network, partner, contact, wiblingen):
    other = Partner.objects.create(municipality=wiblingen.municipality, name="Tafel")
    ContactPerson.objects.create(partner=other, name="Fremde Person")
    client.force_login(coordinator)
    for url in [reverse("networks:membership_add", args=[network.pk]), reverse("networks:offer_add")]:
        page = client.get(url).content.decode()
        assert 'data-contacts-of="partner"' in page
        assert f'data-partner="{other.pk}"' in page and f'data-partner="{partner.pk}"' in page
