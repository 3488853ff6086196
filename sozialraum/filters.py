import copy

import django_filters
from django import forms
from django.apps import apps
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from django_filters.filterset import FilterSetMetaclass

from sozialraum.forms import DATE_INPUT, StaffChoiceField
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


class StaffChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter by colleague, each named by staff_name()."""

    field_class = StaffChoiceField


class FiltersCopiedFlat(dict):
    """A filter set class's filters, copied for each instance (django-filter deep-copies them:
    with their choices, querysets and lazy labels 560 copies a case list, two fifths of building
    its filter form). A filter's attributes are replaced, not changed, per instance – except
    `extra`, which ModelChoiceFilter writes the request's queryset into, and the FilterMethod of
    a filter by method: each copy gets its own, and none the field another instance built."""

    def __deepcopy__(self, memo: dict) -> dict:
        return {name: copy_of(model_filter) for name, model_filter in self.items()}


def copy_of(model_filter: django_filters.Filter) -> django_filters.Filter:
    clone = copy.copy(model_filter)
    clone.extra = dict(model_filter.extra)
    clone.__dict__.pop("_field", None)
    if clone.method is not None:
        clone.method = clone.method  # (a filter by method calls it through a FilterMethod of its own)
    return clone


class FieldsOfOneForm(dict):
    """The fields of a filter form class that get_form_class made for one filter set instance
    from fields its filters made for it: the form instance need not deep-copy them again."""

    def __deepcopy__(self, memo: dict) -> dict:
        return dict(self)


class KeptChoicesMetaclass(FilterSetMetaclass):
    def __new__(cls, name, bases, attrs):
        new_class = super().__new__(cls, name, bases, attrs)
        new_class.base_filters = FiltersCopiedFlat(new_class.base_filters)
        return new_class


class KeptChoicesFilterSet(django_filters.FilterSet, metaclass=KeptChoicesMetaclass):
    """A filter form whose model choices (teams, districts, colleagues of the user) are read
    from the database once a minute per user and language instead of on every page: four of
    the case list's twelve queries, and their options, cost a sixth of its time at city scale
    (issue 15). A chosen value is still checked against the database; a new colleague appears
    in the choices within a minute. Where the choices are kept and nothing is chosen, the
    choices' queryset is not even built: building the three per-user querysets twice (the
    field and the form class both ask for it) was an eighth of the case list's time."""

    CHOICES_SECONDS = 60

    @property
    def form(self):
        if not hasattr(self, "_form"):
            self.keep_choices()
        return super().form

    def get_form_class(self):
        form_class = super().get_form_class()
        form_class.base_fields = FieldsOfOneForm(form_class.base_fields)
        return form_class

    def keep_choices(self) -> None:
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return
        for name, model_filter in self.filters.items():
            if not isinstance(model_filter, django_filters.ModelChoiceFilter):
                continue
            key = f"filter-choices:{type(self).__module__}.{type(self).__qualname__}:{name}:{user.pk}:{get_language()}"
            kept = cache.get(key)  # (the model's label and the choices)
            if kept is not None and not self.chosen(name):
                # (an empty value is never looked up: the field needs no queryset of its own)
                model_filter.queryset = apps.get_model(kept[0]).objects.none()
            field = model_filter.field
            if kept is None:
                kept = (field.queryset.model._meta.label, [(str(value), str(label)) for value, label in field.choices])
                cache.set(key, kept, self.CHOICES_SECONDS)
            # (Django's own setter: django-filter's would wrap the list in a queryset iterator)
            forms.ChoiceField.choices.fset(field, kept[1])

    def chosen(self, name: str) -> bool:
        key = f"{self.form_prefix}-{name}" if self.form_prefix else name
        return self.is_bound and self.data.get(key) not in EMPTY_VALUES


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
