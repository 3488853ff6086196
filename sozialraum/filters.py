import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.forms import DATE_INPUT
from sozialraum.models import AuditAction, AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    username = django_filters.CharFilter(label=_("User"), lookup_expr="icontains")
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditAction.choices)
    case_id = django_filters.NumberFilter(label=_("Case id"), widget=forms.NumberInput(attrs={"min": 1}))
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
