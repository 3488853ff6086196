"""What the top bar's search finds in the directory (registered in NetworksConfig.ready):
partners, contact persons, networks and current offers."""

from django.db.models import Q
from django.http import HttpRequest

from networks.models import ContactPerson, Network, Offer, Partner
from networks.search import search_offers
from sozialraum.search import SearchHit


def name_like(term: str) -> Q:
    """A name containing the term, or resembling it (pg_trgm word similarity: "Diakoni" ~ "Diakonie")."""
    return Q(name__icontains=term) | Q(name__trigram_word_similar=term)


def find_partners(request: HttpRequest, term: str, limit: int) -> list[SearchHit]:
    partners = Partner.objects.filter(name_like(term)).select_related("municipality").order_by("name")[:limit]
    return [SearchHit(partner.name, partner.get_absolute_url(), partner.municipality.name) for partner in partners]


def find_contacts(request: HttpRequest, term: str, limit: int) -> list[SearchHit]:
    contacts = ContactPerson.objects.filter(name_like(term)).select_related("partner").order_by("name")[:limit]
    return [SearchHit(contact.name, contact.partner.get_absolute_url(), contact.partner.name) for contact in contacts]


def find_networks(request: HttpRequest, term: str, limit: int) -> list[SearchHit]:
    networks = Network.objects.filter(name_like(term)).select_related("municipality").order_by("name")[:limit]
    return [SearchHit(network.name, network.get_absolute_url(), network.municipality.name) for network in networks]


def find_offers(request: HttpRequest, term: str, limit: int) -> list[SearchHit]:
    offers = search_offers(Offer.objects.current().select_related("partner"), term)[:limit]
    return [SearchHit(offer.title, offer.get_absolute_url(), offer.partner.name) for offer in offers]
