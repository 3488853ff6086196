from networks.models.directory import ContactPerson, Partner
from networks.models.network import Network, NetworkMembership
from networks.models.offer import Offer, SearchSynonym

__all__ = ["ContactPerson", "Network", "NetworkMembership", "Offer", "Partner", "SearchSynonym"]
