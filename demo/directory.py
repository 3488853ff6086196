"""Demo partners, offers and networks: every district gets a few, Wiblingen the roster of its
Koordinierungsgruppe Bildung und Soziales (fields of work from the Ulm seed, persons fictitious),
Mülheim two networks named in its seeds."""

import random
from datetime import time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from districts.constants import Topic
from districts.models import District, Municipality
from networks.constants import PartnerKind, Rhythm, TargetGroup
from networks.models import ContactPerson, Network, Offer, Partner, Place
from networks.partner_kinds import guess_kind
from networks.roster_import import RosterRow, import_roster

SEED = 4711

# Fields of work of the Koordinierungsgruppe Bildung und Soziales (Ulm seed). The seed's copy
# carries OCR errors: "guterhirte" is written readably, "Oberrn e.v." and "Praxsyst" cannot be
# read with certainty and are left out rather than guessed.
WIBLINGEN_FIELDS = [
    "Guter Hirte",
    "ASB",
    "Mobile Jugendarbeit",
    "Offene Kinder- und Jugendarbeit",
    "Schulsozialarbeit",
    "Albert-Einstein-Schulzentrum",
    "Grundschulen",
    "Werkrealschule",
    "Förderschule",
    "Kommunaler Sozialer Dienst",
    "Kommunaler Sozialer Dienst",
    "Sozialraumteamleitung",
    "Ressourcenmanagement/ Stadtteilkoordination",
    "Ortsvorsteher",
    "Kita Stadt Ulm",
    "Kita kath. Kirche",
    "Kita ev. Kirche",
    "Polizei",
    "Ev. Kirche",
    "Kath. Kirche",
    "TV Wiblingen",
    "Quartierssozialarbeit",
    "Stadtteilbibliothek",
    "Keppeler Stiftung",
    "Tannenhof",
    "AK Leben und Wohnen im Alter",
    "Fallmanagement Eingliederungshilfe",
    "Sozialdienst für Ältere",
    "Rehaverein",
    "DRK-Flüchtlingbetreuung",
    "Seniorenzentrum Wiblingen, ADK",
    "Nachbarschaftshilfe Ruf und Tat",
    "Nachbarschaftshilfe Brücke",
    "Fachplanung",
]

FIRST = ["Claudia", "Ralf", "Birgit", "Sven", "Petra", "Uwe", "Monika", "Kai", "Heike", "Dirk", "Tanja", "Jens"]
LAST = ["Albrecht", "Brenner", "Castell", "Dorn", "Eckert", "Falk", "Gruber", "Haas", "Ilg", "Jäger", "Kern", "Lutz"]

# Fictitious addresses in the municipalities' postal code ranges.
STREETS = ["Hauptstraße", "Kirchplatz", "Schulstraße", "Marktplatz", "Gartenstraße", "Lindenweg", "Am Anger"]
POSTAL_CODES = {
    "ulm": range(89073, 89082),
    "muelheim-an-der-ruhr": range(45468, 45482),
    "bielefeld": range(33602, 33740),
}
ACCESSIBILITY = ["Stufenloser Zugang, barrierefreies WC", "Zugang über eine Rampe am Seiteneingang", "", ""]
# Regular times of the demo offers: weekday, from, to, rhythm, note.
TIMES = [
    ([1], time(15), time(17), Rhythm.WEEKLY, ""),
    ([3], time(9), time(11), Rhythm.WEEKLY, ""),
    ([0], time(14), time(16), Rhythm.BIWEEKLY, ""),
    ([2], time(9, 30), time(11, 30), Rhythm.FIRST, "nicht in den Schulferien"),
    ([0, 3], time(15), time(17, 30), Rhythm.WEEKLY, "nicht in den Schulferien"),
]

DISTRICT_PARTNERS = [
    ("AWO Ortsverein {district}", PartnerKind.FREE_WELFARE),
    ("Grundschule {district}", PartnerKind.SCHOOL),
    ("Ev. Kita {district}", PartnerKind.KITA),
    ("Nachbarschaftstreff {district}", PartnerKind.NEIGHBOURHOOD_HELP),
    ("Bürgerzentrum {district}", PartnerKind.MUNICIPAL),
]

OFFERS = [
    (
        "Sprachcafé",
        "Deutsch üben beim Kaffee, ohne Anmeldung. Auch für Anfängerinnen und Anfänger.",
        [Topic.LEISURE],
        [TargetGroup.MIGRANTS],
        ["Deutsch", "Arabisch", "Türkisch"],
        "Bürgerzentrum",
    ),
    (
        "Seniorenfrühstück",
        "Gemeinsam frühstücken und Leute aus dem Viertel kennenlernen.",
        [Topic.LEISURE, Topic.EVERYDAY],
        [TargetGroup.OLDER_PEOPLE],
        ["Deutsch"],
        "AWO Ortsverein",
    ),
    (
        "Offene Sprechstunde Schuldnerberatung",
        "Erste Beratung bei Schulden, Mietrückständen und Stromsperren.",
        [Topic.FINANCES, Topic.HOUSING],
        [TargetGroup.ALL],
        ["Deutsch", "Russisch"],
        "AWO Ortsverein",
    ),
    (
        "Elterncafé",
        "Austausch für Eltern mit kleinen Kindern, Kinderbetreuung vor Ort.",
        [Topic.CARE, Topic.LEISURE],
        [TargetGroup.FAMILIES, TargetGroup.SINGLE_PARENTS],
        ["Deutsch", "Türkisch"],
        "Ev. Kita",
    ),
    (
        "Bewerbungstreff",
        "Lebenslauf schreiben, Bewerbungen verschicken, Vorstellungsgespräche üben.",
        [Topic.WORK, Topic.APPLICATIONS],
        [TargetGroup.JOB_SEEKERS],
        ["Deutsch", "Englisch"],
        "Bürgerzentrum",
    ),
    (
        "Hausaufgabenhilfe",
        "Ehrenamtliche helfen Schulkindern nachmittags bei den Hausaufgaben.",
        [Topic.CARE],
        [TargetGroup.CHILDREN],
        ["Deutsch"],
        "Grundschule",
    ),
    (
        "Einkaufsbegleitung",
        "Nachbarinnen und Nachbarn begleiten beim Einkauf und zu Ämtern.",
        [Topic.EVERYDAY, Topic.APPLICATIONS],
        [TargetGroup.OLDER_PEOPLE, TargetGroup.DISABILITIES],
        ["Deutsch"],
        "Nachbarschaftstreff",
    ),
    (
        "Bewegungstreff im Park",
        "Sanfte Gymnastik für alle Generationen, draußen und kostenlos.",
        [Topic.HEALTH, Topic.LEISURE],
        [TargetGroup.ALL],
        ["Deutsch"],
        "Bürgerzentrum",
    ),
]

MUELHEIM_NETWORKS = [
    (
        "Netzwerk WIR ZUSAMMEN GEMEINSAM STARK",
        "Aufbau einer nachhaltig wirksamen Unterstützungsstruktur zur Bewältigung der psychosozialen Auswirkungen "
        "der COVID-19-Krise als Beitrag zu einer resilienten Stadtgesellschaft.",
        "Rathaus, Ruhrstraße 1",
        "alle acht Wochen",
    ),
    (
        "Arbeitskreis Gesundheit im SGB II",
        "Gesundheitsförderung für Leistungsberechtigte mit gesundheitlichen Einschränkungen gemeinsam mit Trägern "
        "und der Kommunalen Gesundheitskonferenz.",
        "Sozialagentur Styrum",
        "vierteljährlich",
    ),
]


def place_of(partner: Partner, rng) -> Place:
    """The partner's house as the place of its offers, created once."""
    place, created = Place.objects.get_or_create(
        municipality=partner.municipality,
        name=partner.name,
        defaults={"street": partner.street, "postal_code": partner.postal_code, "city": partner.city},
    )
    if created:
        place.accessibility = rng.choice(ACCESSIBILITY)
        place.save(update_fields=["accessibility"])
    return place


def fictitious_person(rng) -> tuple[str, str]:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return name, f"0731 161-{rng.randint(1000, 9999)}"


@transaction.atomic
def create_demo_network_data() -> int:
    """Create once; returns the number of partners created (0 if there are partners already)."""
    if Partner.objects.exists():
        return 0
    rng = random.Random(SEED)
    today = timezone.localdate()
    coordinator = get_user_model().objects.filter(username="netzwerk").first()
    for district in District.objects.select_related("municipality"):
        partners, contacts = {}, {}
        postal_codes = POSTAL_CODES.get(district.municipality.slug)
        for pattern, kind in DISTRICT_PARTNERS:
            partner = Partner.objects.create(
                municipality=district.municipality,
                name=pattern.format(district=district.name),
                kind=kind,
                street=f"{rng.choice(STREETS)} {rng.randint(1, 40)}",
                postal_code=str(rng.choice(postal_codes)) if postal_codes else "",
                city=district.municipality.name,
                phone=f"0{rng.randint(200, 799)} {rng.randint(100000, 999999)}",
                last_checked_on=today - timedelta(days=rng.randint(10, 500)),
            )
            partner.districts.add(district)
            deputy = ContactPerson.objects.create(
                partner=partner, name=fictitious_person(rng)[0], function="Stellvertretung"
            )
            name, phone = fictitious_person(rng)
            contacts[pattern.split(" {")[0]] = ContactPerson.objects.create(
                partner=partner,
                name=name,
                function="Leitung",
                phone=phone,
                deputy=deputy,
                last_checked_on=today - timedelta(days=rng.randint(10, 500)),
            )
            partners[pattern.split(" {")[0]] = partner
        for title, description, topics, groups, languages, provider in rng.sample(OFFERS, 5):
            weekdays, opens_at, closes_at, rhythm, note = rng.choice(TIMES)
            offer = Offer.objects.create(
                partner=partners[provider],
                title=f"{title} {district.name}",
                description=description,
                topics=topics,
                target_groups=groups,
                languages=languages,
                place=place_of(partners[provider], rng),
                weekdays=weekdays,
                opens_at=opens_at,
                closes_at=closes_at,
                rhythm=rhythm,
                times=note,
                contact_person=contacts[provider],
                cost="kostenlos",
                last_checked_on=today - timedelta(days=rng.randint(10, 500)),
            )
            offer.districts.add(district)
    demo_wiblingen_roster(rng, coordinator)
    demo_muelheim_networks(coordinator)
    return Partner.objects.count()


def demo_wiblingen_roster(rng, coordinator) -> None:
    wiblingen = District.objects.select_related("municipality").filter(slug="wiblingen").first()
    if wiblingen is None:
        return
    network = Network.objects.create(
        municipality=wiblingen.municipality,
        name="Koordinierungsgruppe Bildung und Soziales Wiblingen",
        purpose="Bildung und soziale Teilhabe im Sozialraum Wiblingen gemeinsam planen: Angebote abstimmen, "
        "Lücken erkennen, Übergänge (Kita – Schule – Beruf) begleiten.",
        coordinator=coordinator,
        meeting_place="Bürgerzentrum Wiblingen",
        meeting_frequency="alle sechs Wochen, mittwochs",
    )
    network.districts.add(wiblingen)
    rows = []
    for line, field in enumerate(WIBLINGEN_FIELDS, start=2):
        person, phone = fictitious_person(rng)
        deputy, deputy_phone = fictitious_person(rng) if rng.random() < 0.8 else ("", "")
        if deputy == person:
            deputy, deputy_phone = "", ""
        rows.append(RosterRow(line, field, person, phone, deputy, deputy_phone))
    import_roster(network, rows)
    for partner in Partner.objects.filter(network_memberships__network=network).distinct():
        partner.kind = guess_kind(partner.name)
        partner.save(update_fields=["kind"])
        partner.districts.add(wiblingen)


def demo_muelheim_networks(coordinator) -> None:
    muelheim = Municipality.objects.filter(slug="muelheim-an-der-ruhr").first()
    if muelheim is None:
        return
    partners = list(Partner.objects.filter(municipality=muelheim))
    for name, purpose, place, frequency in MUELHEIM_NETWORKS:
        network = Network.objects.create(
            municipality=muelheim,
            name=name,
            purpose=purpose,
            coordinator=coordinator,
            meeting_place=place,
            meeting_frequency=frequency,
        )
        network.districts.add(*muelheim.districts.all())
        for position, partner in enumerate(partners):
            contact = partner.contacts.filter(function="Leitung").first()
            network.memberships.create(
                partner=partner,
                field_of_work=partner.get_kind_display(),
                representative=contact,
                deputy=contact.deputy if contact else None,
                position=position,
            )
