"""Partners with a similar name, found by PostgreSQL's pg_trgm (trigram similarity, served by a
GIN index on the partner name) before a second record of the same organisation is saved."""

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import QuerySet

from networks.models import Partner

SIMILARITY_THRESHOLD = 0.45  # a little stricter than pg_trgm's 0.3: fewer false alarms on short names


def similar_partners(name: str, partners: QuerySet[Partner], threshold: float = SIMILARITY_THRESHOLD) -> list[str]:
    """Names of partners whose name resembles `name` (closest first); the same name is no warning."""
    return list(
        partners.filter(name__trigram_similar=name)
        .annotate(similarity=TrigramSimilarity("name", name))
        .filter(similarity__gte=threshold)
        .exclude(name=name)
        .order_by("-similarity", "name")
        .values_list("name", flat=True)[:5]
    )
