from datetime import date

import pytest

from districts.models import District
from networks.constants import PartnerKind
from networks.models import ContactPerson, Network, Offer, Partner


@pytest.fixture
def wiblingen(reference_data):
    return District.objects.select_related("municipality").get(slug="wiblingen")


@pytest.fixture
def partner(wiblingen):
    partner = Partner.objects.create(
        municipality=wiblingen.municipality,
        name="Nachbarschaftshilfe Ruf und Tat",
        kind=PartnerKind.NEIGHBOURHOOD_HELP,
        phone="0731 123456",
        email="info@rufundtat.example",
        last_checked_on=date(2026, 1, 10),
    )
    partner.districts.add(wiblingen)
    return partner


@pytest.fixture
def contact(partner):
    deputy = ContactPerson.objects.create(partner=partner, name="Uwe Stell", phone="0731 999")
    return ContactPerson.objects.create(
        partner=partner,
        name="Claudia Haupt",
        function="Leitung",
        phone="0731 161-5100",
        email="haupt@rufundtat.example",
        deputy=deputy,
    )


@pytest.fixture
def network(wiblingen, coordinator):
    network = Network.objects.create(
        municipality=wiblingen.municipality,
        name="Koordinierungsgruppe Bildung und Soziales Wiblingen",
        purpose="Bildung und Teilhabe im Sozialraum gemeinsam planen.",
        coordinator=coordinator,
        meeting_place="Bürgerzentrum",
        meeting_frequency="alle sechs Wochen",
    )
    network.districts.add(wiblingen)
    return network


@pytest.fixture
def offer(partner, wiblingen):
    offer = Offer.objects.create(
        partner=partner,
        title="Einkaufsbegleitung für ältere Menschen",
        description="Nachbarinnen begleiten beim Einkaufen und zu Behördengängen.",
        topics=["everyday", "applications"],
        target_groups=["older_people"],
        languages=["Deutsch", "Türkisch"],
        last_checked_on=date(2026, 6, 1),
    )
    offer.districts.add(wiblingen)
    return offer
