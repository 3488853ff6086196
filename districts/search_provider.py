"""What the top bar's search finds among districts and municipalities (everyone may see them)."""

from django.db.models import Q
from django.http import HttpRequest

from districts.models import District
from sozialraum.search import SearchHit


def find_districts(request: HttpRequest, term: str, limit: int) -> list[SearchHit]:
    districts = (
        District.objects.filter(Q(name__icontains=term) | Q(localities__name__icontains=term))
        .select_related("municipality")
        .distinct()
        .order_by("name")[:limit]
    )
    return [SearchHit(district.name, district.get_absolute_url(), district.municipality.name) for district in districts]
