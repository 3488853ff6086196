"""The network coordinator's start page: own networks with roster lines that lack a deputy, and
what has not been checked for a year (registered in NetworksConfig.ready)."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from networks.constants import CHECK_INTERVAL_DAYS
from networks.models import ContactPerson, Network, Offer


def my_networks_context(request) -> dict:
    cutoff = timezone.localdate() - timedelta(days=CHECK_INTERVAL_DAYS)
    stale = Q(last_checked_on__isnull=True) | Q(last_checked_on__lt=cutoff)
    networks = (
        Network.objects.filter(coordinator=request.user, active=True)
        .annotate(
            members=Count("memberships", distinct=True),
            without_deputy=Count("memberships", filter=Q(memberships__deputy__isnull=True), distinct=True),
        )
        .order_by("name")
    )
    return {
        "networks": networks,
        "stale_contacts": ContactPerson.objects.filter(stale).count(),
        "stale_offers": Offer.objects.filter(stale).count(),
    }
