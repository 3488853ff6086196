from networks.models import Offer


def matching_offers(case, limit: int = 10):
    """Current offers in the case's district on at least one of its topics ("Passende Angebote")."""
    if not case.topics:
        return Offer.objects.none()
    return (
        Offer.objects.current()
        .filter(districts=case.team.district_id, topics__overlap=case.topics)
        .select_related("partner")
        .order_by("title")[:limit]
    )
