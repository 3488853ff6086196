from networks.models.directory import ContactPerson, Partner
from networks.models.network import Network, NetworkMembership
from networks.models.offer import Offer, SearchSynonym
from networks.models.place import Place

__all__ = ["ContactPerson", "Network", "NetworkMembership", "Offer", "Partner", "Place", "SearchSynonym"]
