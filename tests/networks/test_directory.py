from datetime import date

import pytest
from django.urls import reverse

from cases.models import Activity
from networks.models import ContactPerson, Partner


def partner_data(wiblingen, **changes):
    data = {
        "municipality": wiblingen.municipality_id,
        "name": "Caritas Ulm",
        "kind": "free_welfare",
        "districts": [wiblingen.pk],
        "phone": "0731 2063-0",
        "email": "info@caritas-ulm.example",
        "website": "www.caritas-ulm.example",
        "active": "on",
    }
    data.update(changes)
    return data


def test_coordinator_adds_partner(client, coordinator, wiblingen):
    client.force_login(coordinator)
    response = client.post(reverse("networks:partner_add"), partner_data(wiblingen))
    partner = Partner.objects.get(name="Caritas Ulm")
    assert response["Location"] == partner.get_absolute_url()
    assert partner.website == "https://www.caritas-ulm.example"
    assert list(partner.districts.all()) == [wiblingen]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "info(at)caritas"}, "Bitte gültige E-Mail-Adresse eingeben."),
        ({"phone": "ruf mich an"}, "Bitte eine Telefonnummer aus Ziffern"),
        ({"website": "http://"}, "Bitte eine gültige Adresse eingeben."),
        ({"postal_code": "8907"}, "Eine Postleitzahl hat fünf Ziffern."),
        ({"name": ""}, "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_bad_partner_input_gets_german_messages(client, coordinator, wiblingen, changes, message):
    client.force_login(coordinator)
    response = client.post(reverse("networks:partner_add"), partner_data(wiblingen, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Partner.objects.filter(name="Caritas Ulm").exists()


def test_similar_name_warns_before_saving(client, coordinator, wiblingen, partner):
    client.force_login(coordinator)
    data = partner_data(wiblingen, name="Nachbarschaftshilfe Ruf + Tat")
    response = client.post(reverse("networks:partner_add"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Es gibt schon einen Partner mit ähnlichem Namen: „Nachbarschaftshilfe Ruf und Tat“" in html
    assert Partner.objects.count() == 1
    response = client.post(reverse("networks:partner_add"), {**data, "confirm_similar": "on"})
    assert response.status_code == 302
    assert Partner.objects.count() == 2


def test_contact_with_deputy(client, coordinator, partner):
    client.force_login(coordinator)
    client.post(reverse("networks:contact_add", args=[partner.pk]), {"name": "Uwe Stell", "phone": "0731 1"})
    deputy = ContactPerson.objects.get(name="Uwe Stell")
    response = client.post(
        reverse("networks:contact_add", args=[partner.pk]),
        {"name": "Claudia Haupt", "function": "Leitung", "email": "haupt@example.org", "deputy": deputy.pk},
    )
    assert response.status_code == 302
    assert ContactPerson.objects.get(name="Claudia Haupt").deputy == deputy
    html = client.get(partner.get_absolute_url()).content.decode()
    assert "Claudia Haupt" in html and "Uwe Stell" in html


def test_a_new_deputy_is_created_from_the_contact_form(client, coordinator, partner):
    client.force_login(coordinator)
    add_url = reverse("networks:contact_add", args=[partner.pk])
    response = client.post(
        add_url,
        {"name": "Claudia Haupt", "new_deputy_name": "Uwe Stell", "new_deputy_phone": "0731 1", "new_deputy_email": ""},
    )
    assert response.status_code == 302
    main = ContactPerson.objects.get(name="Claudia Haupt")
    assert main.deputy.name == "Uwe Stell" and main.deputy.phone == "0731 1" and main.deputy.partner == partner

    # Changing a contact can name a new deputy too; a conflicting change keeps neither.
    edit_url = reverse("networks:contact_edit", args=[partner.pk, main.pk])
    data = {"name": "Claudia Haupt", "version": main.version, "new_deputy_name": "Vera Neu"}
    ContactPerson.objects.filter(pk=main.pk).update(version=main.version + 1, function="Leitung")
    conflict = client.post(edit_url, data)
    assert conflict.status_code == 200 and 'value="Vera Neu"' in conflict.content.decode()
    assert not ContactPerson.objects.filter(name="Vera Neu").exists()
    assert client.post(edit_url, {**data, "version": main.version + 1}).status_code == 302
    assert ContactPerson.objects.get(pk=main.pk).deputy.name == "Vera Neu"


@pytest.mark.parametrize(
    "typed, message",
    [
        (
            {"deputy": "chosen", "new_deputy_name": "Noch Jemand"},
            "Wählen Sie eine Stellvertretung oder nennen Sie eine neue",
        ),
        ({"new_deputy_name": "Claudia Haupt"}, "kann nicht ihre eigene Stellvertretung sein"),
        ({"new_deputy_name": "Uwe Stell"}, "hat schon eine Ansprechperson dieses Namens: oben auswählen"),
        ({"new_deputy_phone": "0731 2"}, "Nennen Sie die neue Stellvertretung."),
        ({"new_deputy_name": "X", "new_deputy_phone": "kein Telefon"}, "Bitte eine Telefonnummer aus Ziffern"),
    ],
)
def test_a_new_deputy_that_cannot_be_created_keeps_the_input(client, coordinator, partner, typed, message):
    existing = ContactPerson.objects.create(partner=partner, name="Uwe Stell")
    if typed.get("deputy") == "chosen":
        typed = {**typed, "deputy": existing.pk}
    client.force_login(coordinator)
    response = client.post(reverse("networks:contact_add", args=[partner.pk]), {"name": "Claudia Haupt", **typed})
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert 'value="Claudia Haupt"' in html
    assert ContactPerson.objects.count() == 1


def test_contact_of_another_partner_cannot_be_deputy(client, coordinator, partner, wiblingen):
    other = Partner.objects.create(municipality=wiblingen.municipality, name="TV Wiblingen")
    stranger = ContactPerson.objects.create(partner=other, name="Fremde Person")
    client.force_login(coordinator)
    response = client.post(reverse("networks:contact_add", args=[partner.pk]), {"name": "Neu", "deputy": stranger.pk})
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()


def test_partner_page_shows_district_work_and_only_a_count_of_referrals(client, planner, partner, wiblingen):
    from cases import services
    from cases.models import Case, Person, Referral
    from districts.models import ServiceArea
    from tests.factories import TeamFactory, UserFactory

    worker = UserFactory(username="fk")
    team = TeamFactory(district=wiblingen)
    area = ServiceArea.objects.get(name="Kommunaler Sozialer Dienst")
    case = services.open_case(
        worker,
        Case(team=team, legal_area=area.legal_area, service_area=area, caseworker=worker),
        Person(first_name="Gisela", last_name="Geheim"),
    )
    Referral.objects.create(case=case, partner=partner, created_by=worker, hands_over_personal_data=False)
    walk = Activity.objects.create(
        user=worker,
        district=wiblingen,
        kind="non_case",
        activity_type="district_walk",
        minutes=90,
        date=date(2026, 11, 2),
    )
    walk.partners.add(partner)
    client.force_login(planner)
    html = client.get(partner.get_absolute_url()).content.decode()
    assert '<dd id="referral-count">1</dd>' in html
    assert "Sozialraumbegehung" in html
    assert case.reference not in html and "Geheim" not in html
