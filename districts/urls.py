from django.urls import path

from districts import views

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
]
