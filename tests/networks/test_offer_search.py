"""The offer search as caseworkers use it (issue 10): parts of compound words, spellings without
umlauts, the coordinators' synonyms, and filters that stay when a text is entered."""

import pytest
from django.urls import reverse

from districts.models import District
from networks.models import Offer, Partner, SearchSynonym

URL = reverse("networks:offer_list")


def offer(partner, title, description="", districts=(), **extra):
    made = Offer.objects.create(partner=partner, title=title, description=description, **extra)
    made.districts.add(*districts)
    return made


@pytest.fixture
def directory(reference_data):
    styrum = District.objects.get(slug="styrum")
    boefingen = District.objects.get(slug="boefingen")
    muelheim = Partner.objects.create(municipality=styrum.municipality, name="Familienzentrum Styrum", kind="other")
    ulm = Partner.objects.create(municipality=boefingen.municipality, name="Bürgerzentrum Böfingen", kind="other")
    offer(
        muelheim,
        "Kinderbetreuung am Vormittag",
        "Betreuung für Kinder von 1 bis 3 Jahren.",
        [styrum],
        target_groups=["children"],
        topics=["care"],
    )
    offer(muelheim, "Sprachcafé", "Deutsch üben bei Kaffee und Kuchen.", [styrum], target_groups=["migrants"])
    offer(muelheim, "Offenes Frühstück", "Gemeinsam frühstücken im Quartier.", [styrum], target_groups=["all"])
    offer(ulm, "Frühstückstreff Böfingen", "Frühstück für alle im Bürgerzentrum.", [boefingen])
    offer(ulm, "Kinderbetreuung Böfingen", "Betreuung im Bürgerzentrum.", [boefingen], target_groups=["children"])
    SearchSynonym.objects.create(terms=["Deutsch lernen", "Sprachkurs", "Sprachcafé"])
    return {"styrum": styrum, "boefingen": boefingen}


def titles(client, **params):
    return sorted(found.title for found in client.get(URL, params).context["offers"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Betreuung", ["Kinderbetreuung am Vormittag"]),  # part of a compound word
        ("kinderbetreuung", ["Kinderbetreuung am Vormittag"]),
        ("fruehstueck", ["Offenes Frühstück"]),  # no umlauts typed
        ("Frühstück", ["Offenes Frühstück"]),
        ("frühstücken", ["Offenes Frühstück"]),  # a German word form
        ("Deutsch lernen", ["Sprachcafé"]),  # synonyms of the coordinators
        ("Sprachkurs", ["Sprachcafé"]),
        ("sprachcafe", ["Sprachcafé"]),
        ("Schwimmkurs", []),
    ],
)
def test_offer_search_table(client, caseworker, directory, text, expected):
    client.force_login(caseworker)
    assert titles(client, q=text, district=directory["styrum"].pk) == expected


def test_text_search_keeps_the_district_and_the_target_group(client, caseworker, directory):
    client.force_login(caseworker)
    assert titles(client, q="Betreuung") == ["Kinderbetreuung Böfingen", "Kinderbetreuung am Vormittag"]
    assert titles(client, q="Betreuung", district=directory["styrum"].pk) == ["Kinderbetreuung am Vormittag"]
    # "Offers for everyone" count for every target group, with a text too.
    assert titles(client, q="Frühstück", target_group="children", district=directory["styrum"].pk) == [
        "Offenes Frühstück"
    ]
    form = client.get(URL, {"q": "Betreuung", "district": directory["styrum"].pk}).content.decode()
    assert f'<option value="{directory["styrum"].pk}" selected>' in form


def test_coordinators_keep_the_synonyms(client, coordinator, caseworker, directory):
    url = reverse("networks:search_synonyms")
    client.force_login(caseworker)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert "Deutsch lernen, Sprachkurs, Sprachcafé" in page
    response = client.post(url, {"groups": "Hausaufgabenhilfe, Lernhilfe, Nachhilfe\n\n  Deutsch lernen ,Sprachkurs"})
    assert response.status_code == 302
    assert [group.terms for group in SearchSynonym.objects.order_by("id")] == [
        ["Hausaufgabenhilfe", "Lernhilfe", "Nachhilfe"],
        ["Deutsch lernen", "Sprachkurs"],
    ]
    client.force_login(caseworker)
    assert titles(client, q="Sprachcafé", district=directory["styrum"].pk) == ["Sprachcafé"]
    assert titles(client, q="Deutsch lernen", district=directory["styrum"].pk) == []  # no longer a synonym


def test_a_group_needs_two_terms(client, coordinator, directory):
    client.force_login(coordinator)
    response = client.post(reverse("networks:search_synonyms"), {"groups": "nur ein Wort"})
    assert response.status_code == 200
    assert "nur ein Wort" in response.content.decode()  # the input stays
    assert SearchSynonym.objects.count() == 1
