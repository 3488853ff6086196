from django.urls import path

from networks.views import directory_views, network_views, offer_views

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
    path("netzwerke/<int:pk>/import/", network_views.RosterImportView.as_view(), name="roster_import"),
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
    path("angebote/hsds.json", offer_views.HsdsExportView.as_view(), name="offer_hsds"),
    path("angebote/suchbegriffe/", offer_views.SearchSynonymsView.as_view(), name="search_synonyms"),
    path("angebote/<int:pk>/", offer_views.OfferDetailView.as_view(), name="offer_detail"),
    path("angebote/<int:pk>/bearbeiten/", offer_views.OfferUpdateView.as_view(), name="offer_edit"),
]
