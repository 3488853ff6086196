"""The offer directory as Open Referral HSDS 3.0 JSON (organizations, services, locations,
service_at_locations). Identifiers are UUIDs derived from our keys, so they stay the same
from one export to the next."""

import uuid

from districts.constants import Topic
from networks.constants import TargetGroup
from networks.models import Offer, Partner

NAMESPACE = uuid.UUID("6f1c8e2a-5b0d-4c1e-9a57-3d2f7c1b9e40")


def hsds_id(kind: str, pk: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}"))


def organization(partner: Partner) -> dict:
    data = {
        "id": hsds_id("partner", partner.pk),
        "name": partner.name,
        "description": partner.notes or partner.get_kind_display(),
    }
    if partner.email:
        data["email"] = partner.email
    if partner.website:
        data["website"] = partner.website
    if partner.phone:
        data["phones"] = [{"id": hsds_id("partner-phone", partner.pk), "number": partner.phone}]
    return data


def location(offer: Offer) -> dict:
    return {
        "id": hsds_id("location", offer.pk),
        "location_type": "physical",
        "name": offer.place or offer.partner.name,
        "accessibility": [{"id": hsds_id("accessibility", offer.pk), "description": offer.accessibility}]
        if offer.accessibility
        else [],
    }


def service(offer: Offer) -> dict:
    active = offer.is_current()
    topics = ", ".join(str(Topic(topic).label) for topic in offer.topics)
    groups = ", ".join(str(TargetGroup(group).label) for group in offer.target_groups)
    data = {
        "id": hsds_id("offer", offer.pk),
        "organization_id": hsds_id("partner", offer.partner_id),
        "name": offer.title,
        "description": offer.description,
        "status": "active" if active else "inactive",
        "eligibility_description": " ".join(filter(None, [offer.eligibility, groups and f"Zielgruppen: {groups}."])),
        "fees_description": offer.cost,
        "languages": [
            {"id": hsds_id(f"language-{index}", offer.pk), "name": language}
            for index, language in enumerate(offer.languages)
        ],
        "service_areas": [
            {"id": hsds_id(f"area-{district.pk}", offer.pk), "name": district.name, "extent_type": "district"}
            for district in offer.districts.all()
        ],
        "attributes": [],
    }
    if topics:
        data["alternate_name"] = topics
    if offer.times:
        data["schedules"] = [{"id": hsds_id("schedule", offer.pk), "description": offer.times}]
    if offer.last_checked_on:
        data["assured_date"] = offer.last_checked_on.isoformat()
    return data


def service_at_location(offer: Offer) -> dict:
    return {
        "id": hsds_id("service-at-location", offer.pk),
        "service_id": hsds_id("offer", offer.pk),
        "location_id": hsds_id("location", offer.pk),
        "description": offer.contact,
        "location": location(offer),
    }


def export(offers) -> dict:
    offers = list(offers.select_related("partner").prefetch_related("districts__municipality"))
    partners = {offer.partner_id: offer.partner for offer in offers}
    return {
        "organizations": [organization(partner) for partner in partners.values()],
        "services": [service(offer) for offer in offers],
        "locations": [location(offer) for offer in offers],
        "service_at_locations": [service_at_location(offer) for offer in offers],
    }
