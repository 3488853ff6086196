from django.urls import path

from districts import access_views, indicator_views, views

app_name = "districts"

urlpatterns = [
    path("kommunen/", views.MunicipalityListView.as_view(), name="municipality_list"),
    path("kommunen/<slug:slug>/", views.MunicipalityDetailView.as_view(), name="municipality_detail"),
    path("sozialraeume/", views.DistrictListView.as_view(), name="district_list"),
    path(
        "sozialraeume/<slug:municipality>/<slug:slug>/",
        views.DistrictDetailView.as_view(),
        name="district_detail",
    ),
    path("teams/<int:pk>/", views.TeamDetailView.as_view(), name="team_detail"),
    path("kennzahlen/", indicator_views.IndicatorValueListView.as_view(), name="indicator_values"),
    path("kennzahlen/neu/", indicator_views.IndicatorValueCreateView.as_view(), name="indicator_value_add"),
    path("kennzahlen/import/", indicator_views.IndicatorImportView.as_view(), name="indicator_import"),
    path("berechtigungen/", access_views.AccessRequestListView.as_view(), name="access_requests"),
    path("berechtigungen/beantragen/", access_views.AccessRequestCreateView.as_view(), name="access_request_create"),
    path(
        "berechtigungen/<int:pk>/freigeben/",
        access_views.AccessRequestDecisionView.as_view(approve=True),
        name="access_request_approve",
    ),
    path(
        "berechtigungen/<int:pk>/ablehnen/",
        access_views.AccessRequestDecisionView.as_view(approve=False),
        name="access_request_reject",
    ),
]
