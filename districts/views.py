from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Subquery, Value, When
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from districts.constants import MembershipRole
from districts.filters import DistrictFilter
from districts.indicator_tables import (
    district_profile,
    district_values,
    footnotes,
    indicator_series,
    municipality_comparison,
    municipality_figures,
)
from districts.models import District, IndicatorValue, Membership, Municipality, StaffFigure, Team

INHABITANTS = "inhabitants"

MEMBERSHIP_ORDER = Case(
    When(role=MembershipRole.LEAD, then=Value(0)),
    When(role=MembershipRole.DEPUTY, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def members_prefetch(lookup: str = "memberships") -> Prefetch:
    return Prefetch(
        lookup,
        queryset=Membership.objects.select_related("user", "service_area__legal_area").order_by(
            MEMBERSHIP_ORDER, "user__last_name", "user__first_name"
        ),
    )


def latest_inhabitants():
    return Subquery(
        IndicatorValue.objects.filter(district=OuterRef("pk"), indicator__key=INHABITANTS)
        .order_by("-reference_year")
        .values("value")[:1]
    )


class MunicipalityListView(ListView):
    template_name = "districts/municipality_list.html"
    context_object_name = "municipalities"

    def get_queryset(self):
        return Municipality.objects.annotate(district_count=Count("districts")).prefetch_related(
            Prefetch(
                "districts",
                queryset=District.objects.annotate(inhabitants=latest_inhabitants()).prefetch_related("localities"),
            )
        )


class MunicipalityDetailView(DetailView):
    model = Municipality
    template_name = "districts/municipality_detail.html"
    context_object_name = "municipality"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        municipality = self.object
        districts = list(
            municipality.districts.prefetch_related("localities").annotate(team_count=Count("teams", distinct=True))
        )
        context["districts"] = districts
        comparison = municipality_comparison(municipality, districts)
        context["comparison"] = comparison
        context["has_city_column"] = any(row.city_value for row in comparison)
        context["footnotes"] = footnotes([row.cited_value for row in comparison])
        context["city_figures"] = municipality_figures(municipality)
        context["staff_figures"] = list(municipality.staff_figures.select_related("district"))
        return context


class DistrictListView(FilterView):
    filterset_class = DistrictFilter
    template_name = "districts/district_list.html"
    context_object_name = "districts"
    paginate_by = 25

    def get_queryset(self):
        return (
            District.objects.select_related("municipality")
            .annotate(inhabitants=latest_inhabitants(), team_count=Count("teams", distinct=True))
            .prefetch_related("localities")
            .order_by("municipality__name", "name")
        )


class DistrictDetailView(DetailView):
    template_name = "districts/district_detail.html"
    context_object_name = "district"

    def get_object(self, queryset=None):
        return get_object_or_404(
            District.objects.select_related("municipality").prefetch_related(
                "localities",
                Prefetch("staff_figures", queryset=StaffFigure.objects.select_related("district")),
                Prefetch("teams", queryset=Team.objects.prefetch_related(members_prefetch())),
            ),
            municipality__slug=self.kwargs["municipality"],
            slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        values = district_values(self.object)
        profile = district_profile(self.object, values)
        context["profile"] = profile
        context["footnotes"] = footnotes([row.value for row in profile])
        context["series"] = indicator_series(self.object, values)
        return context


class TeamDetailView(DetailView):
    template_name = "districts/team_detail.html"
    context_object_name = "team"

    def get_queryset(self):
        return Team.objects.select_related("district__municipality").prefetch_related(members_prefetch())
