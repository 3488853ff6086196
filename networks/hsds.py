"""The offer directory as Open Referral HSDS 3.0: organizations (partners), services (offers),
locations (places) and service_at_locations, as one bundle and in the shapes of the HSDS API.

Identifiers: partners, offers and places carry a stored `public_id` (UUID), so the API can look
them up and they stay the same from one export to the next; the parts of a record (phones,
schedules, attributes …) get UUIDs derived from the record's id and their own key."""

import uuid
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from districts.constants import Topic
from networks.constants import ICAL_DAYS, MONTHLY_OCCURRENCE, Rhythm, TargetGroup
from networks.languages import iso_639_code
from networks.models import ContactPerson, Offer, Partner, Place

HSDS_VERSION = "3.0"
NAMESPACE = uuid.UUID("6f1c8e2a-5b0d-4c1e-9a57-3d2f7c1b9e40")
COUNTRY = "DE"
# How the extent of a service area is given: HSDS allows geojson, topojson, kml and text; the
# districts have no geometry here, so the extent is their name.
EXTENT_TYPE = "text"


def part_id(parent: uuid.UUID | str, kind: str, key: object = "") -> str:
    """A stable UUID for a part of a record (its phone, a schedule, an attribute)."""
    return str(uuid.uuid5(NAMESPACE, f"{parent}:{kind}:{key}"))


# Our two vocabularies as HSDS taxonomies: their terms classify services through attributes.
TAXONOMIES = {
    "topic": ("Sozialraum – Themen", "Lebensbereiche, zu denen ein Angebot unterstützt.", Topic),
    "target_group": ("Sozialraum – Zielgruppen", "Für wen ein Angebot gedacht ist.", TargetGroup),
}


def taxonomy_id(kind: str) -> str:
    return part_id(NAMESPACE, "taxonomy", kind)


def taxonomy(kind: str) -> dict:
    name, description, _choices = TAXONOMIES[kind]
    return {"id": taxonomy_id(kind), "name": name, "description": description}


def taxonomy_term_id(kind: str, code: str) -> str:
    return part_id(NAMESPACE, f"taxonomy-term:{kind}", code)


def taxonomy_term(kind: str, code: str) -> dict:
    name, description, choices = TAXONOMIES[kind]
    return {
        "id": taxonomy_term_id(kind, code),
        "code": code,
        "name": str(choices(code).label),
        "description": str(choices(code).label),
        "taxonomy": name,
        "taxonomy_id": taxonomy_id(kind),
        "taxonomy_detail": taxonomy(kind),
        "language": "de",
    }


def term_from_id(term_id: str) -> tuple[str, str] | None:
    """(kind, code) of one of our taxonomy terms, from its id; None if it is not ours."""
    for kind, (_name, _description, choices) in TAXONOMIES.items():
        for code in choices.values:
            if taxonomy_term_id(kind, code) == term_id:
                return kind, code
    return None


def phone(owner_id, number: str, **links) -> dict:
    return {"id": part_id(owner_id, "phone", number), "number": number, "type": "voice", **links}


def organization(partner: Partner) -> dict:
    """The one-to-one fields of an organization (the list shape)."""
    data = {
        "id": str(partner.public_id),
        "name": partner.name,
        "description": partner.notes or partner.get_kind_display(),
    }
    if partner.email:
        data["email"] = partner.email
    if partner.website:
        data["website"] = partner.website
    return data


def full_organization(partner: Partner, services: list[Offer]) -> dict:
    data = organization(partner)
    data["phones"] = (
        [phone(partner.public_id, partner.phone, organization_id=str(partner.public_id))] if partner.phone else []
    )
    data["services"] = [service(offer) for offer in services]
    return data


def location(place: Place) -> dict:
    data = {
        "id": str(place.public_id),
        "location_type": "physical",
        "name": place.name,
        "addresses": [],
        "accessibility": [],
    }
    if place.street and place.city:
        data["addresses"].append(
            {
                "id": part_id(place.public_id, "address"),
                "location_id": str(place.public_id),
                "address_1": place.street,
                "city": place.city,
                "postal_code": place.postal_code,
                "state_province": str(place.municipality.get_state_display()),
                "country": COUNTRY,
                "address_type": "physical",
            }
        )
    if place.latitude is not None and place.longitude is not None:
        data["latitude"], data["longitude"] = float(place.latitude), float(place.longitude)
    if place.accessibility:
        data["accessibility"].append(
            {
                "id": part_id(place.public_id, "accessibility"),
                "location_id": str(place.public_id),
                "description": place.accessibility,
            }
        )
    return data


def local_time(value: time, day: date) -> str:
    """HH:MM with the UTC offset the time has in the municipality on that day (HSDS wants the
    offset; summer and winter time differ, so it is the one of the export's reference day)."""
    aware = datetime.combine(day, value, tzinfo=ZoneInfo(settings.TIME_ZONE))
    offset = aware.strftime("%z")
    return f"{value:%H:%M}{offset[:3]}:{offset[3:]}"


def schedules(offer: Offer) -> list[dict]:
    service_id = str(offer.public_id)
    if not offer.has_regular_time:
        if not offer.times:
            return []
        return [{"id": part_id(service_id, "schedule"), "service_id": service_id, "description": offer.times}]
    rhythm = offer.rhythm or Rhythm.WEEKLY
    days = [ICAL_DAYS[day] for day in sorted(offer.weekdays)]
    if rhythm in MONTHLY_OCCURRENCE:
        freq, interval = "MONTHLY", 1
        days = [f"{MONTHLY_OCCURRENCE[rhythm]}{day}" for day in days]
    else:
        freq, interval = "WEEKLY", 2 if rhythm == Rhythm.BIWEEKLY else 1
    reference_day = max(filter(None, [offer.valid_from, timezone.localdate()]))
    opens_at = local_time(offer.opens_at, reference_day)
    schedule = {
        "id": part_id(service_id, "schedule"),
        "service_id": service_id,
        "freq": freq,
        "interval": interval,
        "byday": ",".join(days),
        "wkst": "MO",
        "opens_at": opens_at,
        "closes_at": local_time(offer.closes_at, reference_day),
        "timezone": int(opens_at[-6:-3]),
        "description": offer.regular_time,
    }
    if offer.valid_from:
        schedule["valid_from"] = offer.valid_from.isoformat()
    if offer.valid_until:
        schedule["valid_to"] = offer.valid_until.isoformat()
    if offer.times:
        schedule["notes"] = offer.times
    return [schedule]


def languages(offer: Offer) -> list[dict]:
    service_id = str(offer.public_id)
    result = []
    for name in offer.languages:
        language = {"id": part_id(service_id, "language", name), "service_id": service_id, "name": name}
        code = iso_639_code(name)
        if code:
            language["code"] = code
        if name.strip().lower() == "leichte sprache":
            language["note"] = "Leichte Sprache"
        result.append(language)
    return result


def attributes(offer: Offer) -> list[dict]:
    service_id = str(offer.public_id)
    result = []
    for kind, codes in (("topic", offer.topics), ("target_group", offer.target_groups)):
        for code in codes:
            result.append(
                {
                    "id": part_id(service_id, f"attribute:{kind}", code),
                    "link_id": service_id,
                    "link_entity": "service",
                    "link_type": kind,
                    "taxonomy_term_id": taxonomy_term_id(kind, code),
                    "taxonomy_term": taxonomy_term(kind, code),
                }
            )
    return result


def contact(person: ContactPerson, service_id: str) -> dict:
    data = {"id": str(uuid.uuid5(NAMESPACE, f"contact:{person.pk}")), "service_id": service_id, "name": person.name}
    if person.function:
        data["title"] = person.function
    if person.email:
        data["email"] = person.email
    data["phones"] = [phone(data["id"], person.phone, contact_id=data["id"])] if person.phone else []
    return data


def service(offer: Offer) -> dict:
    """The one-to-one fields of a service (the list shape)."""
    data = {
        "id": str(offer.public_id),
        "organization_id": str(offer.partner.public_id),
        "name": offer.title,
        "description": offer.description,
        "status": "active" if offer.is_current() else "inactive",
        "last_modified": offer.updated_at.isoformat(),
    }
    groups = ", ".join(offer.target_group_labels)
    eligibility = " ".join(filter(None, [offer.eligibility, groups and f"Zielgruppen: {groups}."]))
    if eligibility:
        data["eligibility_description"] = eligibility
    if offer.cost:
        data["fees_description"] = offer.cost
    person = offer.contact_person
    email = (person.email if person else "") or offer.partner.email
    if email:
        data["email"] = email
    if offer.partner.website:
        data["url"] = offer.partner.website
    if offer.contact:
        data["application_process"] = offer.contact
    if offer.last_checked_on:
        data["assured_date"] = offer.last_checked_on.isoformat()
    return data


def full_service(offer: Offer) -> dict:
    """A service with everything that belongs to it (GET /services/{id}, the bundle)."""
    data = service(offer)
    service_id = data["id"]
    person = offer.contact_person
    number = (person.phone if person else "") or offer.partner.phone
    data["phones"] = [phone(service_id, number, service_id=service_id)] if number else []
    data["contacts"] = [contact(person, service_id)] if person else []
    data["schedules"] = schedules(offer)
    data["service_areas"] = [
        {
            "id": part_id(service_id, "area", district.pk),
            "service_id": service_id,
            "name": district.name,
            "description": f"Sozialraum {district.name}, {district.municipality.name}",
            "extent": f"{district.name}, {district.municipality.name}",
            "extent_type": EXTENT_TYPE,
        }
        for district in offer.districts.all()
    ]
    data["languages"] = languages(offer)
    data["attributes"] = attributes(offer)
    data["organization"] = organization(offer.partner)
    data["service_at_locations"] = [service_at_location(offer)] if offer.place else []
    return data


def service_at_location(offer: Offer, *, with_service: bool = False) -> dict:
    data = {
        "id": part_id(offer.public_id, "at", offer.place.public_id),
        "service_id": str(offer.public_id),
        "location_id": str(offer.place.public_id),
        "location": location(offer.place),
    }
    if offer.contact:
        data["description"] = offer.contact
    if with_service:
        data["service"] = service(offer)
    return data


def with_details(offers):
    """What the full shapes read, in a fixed number of queries whatever the number of offers."""
    return offers.select_related("partner", "place__municipality", "contact_person").prefetch_related(
        "districts__municipality"
    )


def export(offers) -> dict:
    """All of it as one document: each organization and location once."""
    offers = list(with_details(offers))
    partners = {offer.partner_id: offer.partner for offer in offers}
    places = {offer.place_id: offer.place for offer in offers if offer.place}
    return {
        "organizations": [organization(partner) for partner in partners.values()],
        "services": [full_service(offer) for offer in offers],
        "locations": [location(place) for place in places.values()],
        "service_at_locations": [service_at_location(offer) for offer in offers if offer.place],
    }
