from django.urls import path

from networks.views import directory_views, hsds_views, network_views, offer_views, place_views, roster_views

app_name = "networks"

urlpatterns = [
    path("partner/", directory_views.PartnerListView.as_view(), name="partner_list"),
    path("partner/neu/", directory_views.PartnerCreateView.as_view(), name="partner_add"),
    path("partner/<int:pk>/", directory_views.PartnerDetailView.as_view(), name="partner_detail"),
    path("partner/<int:pk>/bearbeiten/", directory_views.PartnerUpdateView.as_view(), name="partner_edit"),
    path(
        "partner/<int:partner_id>/ansprechpersonen/neu/",
        directory_views.ContactCreateView.as_view(),
        name="contact_add",
    ),
    path(
        "partner/<int:partner_id>/ansprechpersonen/<int:pk>/",
        directory_views.ContactUpdateView.as_view(),
        name="contact_edit",
    ),
    path("aktualitaet/", directory_views.UpkeepView.as_view(), name="upkeep"),
    path("aktualitaet/<str:kind>/<int:pk>/geprueft/", directory_views.MarkCheckedView.as_view(), name="mark_checked"),
    path("netzwerke/", network_views.NetworkListView.as_view(), name="network_list"),
    path("netzwerke/neu/", network_views.NetworkCreateView.as_view(), name="network_add"),
    path("netzwerke/<int:pk>/", network_views.NetworkDetailView.as_view(), name="network_detail"),
    path("netzwerke/<int:pk>/bearbeiten/", network_views.NetworkUpdateView.as_view(), name="network_edit"),
    path(
        "netzwerke/<int:pk>/teilnehmende.<str:file_format>",
        network_views.RosterExportView.as_view(),
        name="roster_export",
    ),
    path("netzwerke/<int:pk>/import/", roster_views.RosterImportView.as_view(), name="roster_import"),
    path(
        "netzwerke/<int:network_id>/mitglieder/neu/",
        network_views.MembershipCreateView.as_view(),
        name="membership_add",
    ),
    path(
        "netzwerke/<int:network_id>/mitglieder/<int:pk>/",
        network_views.MembershipUpdateView.as_view(),
        name="membership_edit",
    ),
    path(
        "netzwerke/<int:network_id>/mitglieder/<int:pk>/entfernen/",
        network_views.MembershipDeleteView.as_view(),
        name="membership_delete",
    ),
    path("angebote/", offer_views.OfferListView.as_view(), name="offer_list"),
    path("angebote/neu/", offer_views.OfferCreateView.as_view(), name="offer_add"),
    path("angebote/hsds.json", hsds_views.HsdsExportView.as_view(), name="offer_hsds"),
    # The read part of the HSDS 3.0 API, with the specification's paths.
    path("angebote/hsds/", hsds_views.ApiRootView.as_view(), name="hsds_root"),
    path("angebote/hsds/services", hsds_views.ServiceListView.as_view(), name="hsds_services"),
    path("angebote/hsds/services/<uuid:public_id>", hsds_views.ServiceDetailView.as_view(), name="hsds_service"),
    path("angebote/hsds/organizations", hsds_views.OrganizationListView.as_view(), name="hsds_organizations"),
    path(
        "angebote/hsds/organizations/<uuid:public_id>",
        hsds_views.OrganizationDetailView.as_view(),
        name="hsds_organization",
    ),
    path(
        "angebote/hsds/service_at_locations",
        hsds_views.ServiceAtLocationListView.as_view(),
        name="hsds_service_at_locations",
    ),
    path("angebote/hsds/taxonomies", hsds_views.TaxonomyListView.as_view(), name="hsds_taxonomies"),
    path("angebote/hsds/taxonomy_terms", hsds_views.TaxonomyTermListView.as_view(), name="hsds_taxonomy_terms"),
    path("angebote/orte/", place_views.PlaceListView.as_view(), name="place_list"),
    path("angebote/orte/neu/", place_views.PlaceCreateView.as_view(), name="place_add"),
    path("angebote/orte/<int:pk>/bearbeiten/", place_views.PlaceUpdateView.as_view(), name="place_edit"),
    path("angebote/suchbegriffe/", offer_views.SearchSynonymsView.as_view(), name="search_synonyms"),
    path("angebote/<int:pk>/", offer_views.OfferDetailView.as_view(), name="offer_detail"),
    path("angebote/<int:pk>/bearbeiten/", offer_views.OfferUpdateView.as_view(), name="offer_edit"),
]
