import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from districts.models import District, Municipality
from sozialraum.filters import KeptChoicesFilterSet, StableOrderingFilter


class DistrictFilter(KeptChoicesFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        empty_label=_("All municipalities"),
    )
    ordering = StableOrderingFilter(
        label=_("Sort by"),
        fields=[("name", "name"), ("municipality__name", "municipality"), ("inhabitants", "inhabitants")],
        field_labels={
            "name": _("Name"),
            "municipality__name": _("Municipality"),
            "inhabitants": _("Inhabitants"),
        },
    )

    class Meta:
        model = District
        fields = ["q", "municipality"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(localities__name__icontains=value) | Q(code__iexact=value)
        ).distinct()
