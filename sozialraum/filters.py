import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.forms import DATE_INPUT
from sozialraum.models import AuditAction, AuditEvent


class StableOrderingFilter(django_filters.OrderingFilter):
    """Sorting by a column with repeated values (status, phase, kind) leaves the order of equal
    rows to the database, which may differ from page to page: rows repeat or go missing between
    pages. The primary key decides among equals."""

    def filter(self, queryset, value):
        queryset = super().filter(queryset, value)
        if value and not any(field.lstrip("-") in {"pk", "id"} for field in queryset.query.order_by):
            queryset = queryset.order_by(*queryset.query.order_by, "-pk")
        return queryset


class AuditEventFilter(django_filters.FilterSet):
    username = django_filters.CharFilter(label=_("User"), lookup_expr="icontains")
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditAction.choices)
    case_id = django_filters.NumberFilter(
        label=_("Case id"), widget=forms.NumberInput(attrs={"min": 1}), method="filter_case"
    )
    object_type = django_filters.CharFilter(label=_("Object type"), lookup_expr="iexact")
    since = django_filters.DateFilter(
        label=_("From"), field_name="occurred_at", lookup_expr="date__gte", widget=DATE_INPUT
    )
    until = django_filters.DateFilter(
        label=_("Until"), field_name="occurred_at", lookup_expr="date__lte", widget=DATE_INPUT
    )

    class Meta:
        model = AuditEvent
        fields = []

    def filter_case(self, queryset, name, value):
        return queryset.about_case(int(value)) if value == int(value) else queryset.none()
