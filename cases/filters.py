import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cases.constants import ActivityType, CaseStatus, Phase, Topic, WorkKind
from cases.models import Activity, Case
from districts.models import District, LegalArea, Team
from sozialraum.filters import KeptChoicesFilterSet, StableOrderingFilter, StaffChoiceFilter
from sozialraum.forms import DATE_INPUT


def my_teams(request):
    return Team.objects.filter(memberships__user=request.user).select_related("district")


def my_districts(request):
    return District.objects.filter(teams__memberships__user=request.user).distinct()


def my_colleagues(request):
    return (
        get_user_model()
        .objects.filter(memberships__team__memberships__user=request.user)
        .distinct()
        .order_by("last_name")
    )


class CaseFilter(KeptChoicesFilterSet):
    reference = django_filters.CharFilter(label=_("Reference number"), lookup_expr="icontains")
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=my_teams)
    district = django_filters.ModelChoiceFilter(label=_("District"), queryset=my_districts, field_name="team__district")
    legal_area = django_filters.ModelChoiceFilter(label=_("Legal area"), queryset=LegalArea.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    phase = django_filters.ChoiceFilter(label=_("Phase"), choices=Phase.choices)
    topic = django_filters.ChoiceFilter(label=_("Topic"), choices=Topic.choices, method="filter_topic")
    caseworker = StaffChoiceFilter(label=_("Caseworker"), queryset=my_colleagues)
    opened_after = django_filters.DateFilter(
        label=_("Opened from"), field_name="opened_on", lookup_expr="gte", widget=DATE_INPUT
    )
    opened_before = django_filters.DateFilter(
        label=_("Opened until"), field_name="opened_on", lookup_expr="lte", widget=DATE_INPUT
    )
    ordering = StableOrderingFilter(
        label=_("Sort by"),
        fields=[
            ("opened_on", "opened"),
            ("reference", "reference"),
            ("team__district__name", "district"),
            ("legal_area__code", "legal_area"),
            ("caseworker__last_name", "caseworker"),
            ("phase", "phase"),
            ("status", "status"),
        ],
        field_labels={
            "opened_on": _("Opened on"),
            "reference": _("Reference number"),
            "team__district__name": _("District"),
            "legal_area__code": _("Legal area"),
            "caseworker__last_name": _("Caseworker"),
            "phase": _("Phase"),
            "status": _("Status"),
        },
    )

    class Meta:
        model = Case
        fields = []

    def filter_topic(self, queryset, name, value):
        return queryset.filter(topics__contains=[value])


class ActivityFilter(KeptChoicesFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind of work"), choices=WorkKind.choices)
    activity_type = django_filters.ChoiceFilter(label=_("Type"), choices=ActivityType.choices)
    district = django_filters.ModelChoiceFilter(label=_("District"), queryset=my_districts)
    date_after = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte", widget=DATE_INPUT)
    date_before = django_filters.DateFilter(label=_("Until"), field_name="date", lookup_expr="lte", widget=DATE_INPUT)

    class Meta:
        model = Activity
        fields = []
