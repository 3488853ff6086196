"""The offer directory for other programs: the HSDS 3.0 bundle and the read part of the HSDS API
(the paths and page objects of the specification's openapi.json), for signed-in directory readers.

Each list answers in a fixed number of queries: a count, one page of rows and, for the full
shapes, the prefetches of networks.hsds.with_details."""

import json
import math
import uuid
from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views import View

from networks import hsds
from networks.models import Offer, Partner
from networks.search import search_offers
from sozialraum.views import DirectoryReaderMixin

PER_PAGE = 50
MAX_PER_PAGE = 200
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
PROFILE_URL = "https://docs.openreferral.org/en/v3.0/hsds/"


class BadParameter(ValueError):
    pass


def json_response(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def not_found() -> JsonResponse:
    return json_response({"detail": _("Not found.")}, status=404)


def positive_number(request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise BadParameter(_("%(name)s must be a whole number from 1.") % {"name": name})
    return min(int(raw), maximum) if maximum else int(raw)


def flag(request, name: str) -> bool:
    return request.GET.get(name, "").strip().lower() in {"1", "true", "yes"}


def page_object(request, queryset, shape) -> dict:
    """The specification's Page: total_items, total_pages, page_number, size, first_page,
    last_page, empty, contents. A page after the last is empty, not an error."""
    number = positive_number(request, "page", 1)
    paginator = Paginator(queryset, positive_number(request, "per_page", PER_PAGE, MAX_PER_PAGE))
    total_pages = max(1, math.ceil(paginator.count / paginator.per_page))
    rows = list(paginator.page(number).object_list) if number <= total_pages and paginator.count else []
    return {
        "total_items": paginator.count,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(rows),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": not rows,
        "contents": [shape(row) for row in rows],
    }


def modified_after(request) -> datetime | None:
    raw = request.GET.get("modified_after", "").strip()
    if not raw:
        return None
    moment = parse_datetime(raw)
    if moment is None and parse_date(raw):
        moment = datetime.combine(parse_date(raw), datetime.min.time())
    if moment is None:
        raise BadParameter(_("modified_after must be a date or date and time as in ISO 8601."))
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def filtered_offers(request, offers):
    """The query parameters the specification gives /services and /service_at_locations."""
    text = request.GET.get("search", "").strip()
    if text:
        offers = search_offers(offers, text)
    organization = request.GET.get("organization_id", "").strip()
    if organization:
        offers = offers.filter(partner__public_id=parse_uuid(organization, "organization_id"))
    term_id = request.GET.get("taxonomy_term_id", "").strip()
    if term_id:
        term = hsds.term_from_id(term_id)
        if term is None:
            return offers.none()
        kind, code = term
        offers = offers.filter(**{f"{kind}s__contains": [code]})
    taxonomy = request.GET.get("taxonomy_id", "").strip()
    if taxonomy:
        kinds = [kind for kind in hsds.TAXONOMIES if hsds.taxonomy_id(kind) == taxonomy]
        offers = offers.exclude(**{f"{kinds[0]}s": []}) if kinds else offers.none()
    since = modified_after(request)
    if since:
        offers = offers.filter(updated_at__gte=since)
    return offers


def parse_uuid(raw: str, name: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError as error:
        raise BadParameter(_("%(name)s must be a UUID.") % {"name": name}) from error


class HsdsApiView(DirectoryReaderMixin, View):
    """GET only; a bad query parameter is a 400 with a German message, as JSON."""

    def get(self, request, **kwargs):
        try:
            return json_response(self.answer(request, **kwargs))
        except BadParameter as error:
            return json_response({"detail": str(error)}, status=400)
        except LookupError:
            return not_found()

    def answer(self, request, **kwargs):
        raise NotImplementedError


class ApiRootView(HsdsApiView):
    def answer(self, request):
        return {"version": hsds.HSDS_VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL}


class ServiceListView(HsdsApiView):
    def answer(self, request):
        offers = filtered_offers(request, Offer.objects.all())
        if flag(request, "full"):
            return page_object(request, hsds.with_details(offers).order_by("title", "pk"), hsds.full_service)
        return page_object(request, offers.select_related("partner").order_by("title", "pk"), hsds.service)


class ServiceDetailView(HsdsApiView):
    def answer(self, request, public_id):
        offer = hsds.with_details(Offer.objects.all()).filter(public_id=public_id).first()
        if offer is None:
            raise LookupError(public_id)
        return hsds.full_service(offer)


def organizations_with_services():
    """Partners that offer something: the organizations of the directory."""
    return Partner.objects.filter(Exists(Offer.objects.filter(partner=OuterRef("pk"))))


class OrganizationListView(HsdsApiView):
    def answer(self, request):
        partners = organizations_with_services().order_by("name", "pk")
        text = request.GET.get("search", "").strip()
        if text:
            partners = partners.filter(name__icontains=text)
        if flag(request, "full") or flag(request, "full_service"):
            full_service = flag(request, "full_service")
            offers = hsds.with_details(Offer.objects.all()) if full_service else Offer.objects.select_related("partner")
            partners = partners.prefetch_related(Prefetch("offers", queryset=offers.order_by("title", "pk")))
            return page_object(request, partners, lambda partner: organization_with(partner, full_service=full_service))
        return page_object(request, partners, hsds.organization)


def organization_with(partner: Partner, *, full_service: bool) -> dict:
    data = hsds.full_organization(partner, [])
    shape = hsds.full_service if full_service else hsds.service
    data["services"] = [shape(offer) for offer in partner.offers.all()]
    return data


class OrganizationDetailView(HsdsApiView):
    def answer(self, request, public_id):
        full_service = flag(request, "full_service")
        offers = hsds.with_details(Offer.objects.all()) if full_service else Offer.objects.select_related("partner")
        partner = (
            Partner.objects.prefetch_related(Prefetch("offers", queryset=offers.order_by("title", "pk")))
            .filter(public_id=public_id)
            .first()
        )
        if partner is None:
            raise LookupError(public_id)
        return organization_with(partner, full_service=full_service)


class ServiceAtLocationListView(HsdsApiView):
    def answer(self, request):
        offers = filtered_offers(request, Offer.objects.filter(place__isnull=False))
        postcode = request.GET.get("postcode", "").strip()
        if postcode:
            offers = offers.filter(place__postal_code=postcode)
        offers = offers.select_related("partner", "place__municipality").order_by("title", "pk")
        return page_object(request, offers, lambda offer: hsds.service_at_location(offer, with_service=True))


class TaxonomyListView(HsdsApiView):
    def answer(self, request):
        rows = [hsds.taxonomy(kind) for kind in hsds.TAXONOMIES]
        return page_object(request, rows, lambda row: row)


class TaxonomyTermListView(HsdsApiView):
    def answer(self, request):
        terms = [
            hsds.taxonomy_term(kind, code)
            for kind, (_name, _description, choices) in hsds.TAXONOMIES.items()
            for code in choices.values
        ]
        taxonomy = request.GET.get("taxonomy_id", "").strip()
        if taxonomy:
            terms = [term for term in terms if term["taxonomy_id"] == taxonomy]
        return page_object(request, terms, lambda term: term)


class HsdsExportView(DirectoryReaderMixin, View):
    """The current offers as one HSDS 3.0 document, to download."""

    def get(self, request):
        data = hsds.export(Offer.objects.current().order_by("pk"))
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="angebote-hsds-{timezone.localdate():%Y-%m-%d}.json"'
        return response
