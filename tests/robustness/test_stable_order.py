"""Every sortable list ends its order with the primary key: rows with equal values (status,
phase, kind) stay in one order from page to page instead of repeating or going missing."""

import django_filters
import pytest
from django.core.exceptions import FieldError
from django.db.models import Value

import cases.filters
import districts.filters
import networks.filters
import sozialraum.filters


def filtersets_with_ordering():
    for module in (cases.filters, districts.filters, networks.filters, sozialraum.filters):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, django_filters.FilterSet)
                and value is not django_filters.FilterSet
                and "ordering" in value.base_filters
            ):
                yield value


FILTERSETS = sorted(set(filtersets_with_ordering()), key=lambda filterset: filterset.__name__)


def test_every_sortable_list_is_found():
    assert {filterset.__name__ for filterset in FILTERSETS} >= {"CaseFilter", "PartnerFilter", "DistrictFilter"}


@pytest.mark.parametrize("filterset", FILTERSETS, ids=lambda filterset: filterset.__name__)
def test_every_sort_order_ends_with_the_primary_key(filterset, db):
    ordering = filterset.base_filters["ordering"]
    for choice, _label in ordering.field.choices:
        if not choice:
            continue
        queryset = filterset._meta.model.objects.all()
        field = ordering.get_ordering_value(choice).lstrip("-")
        try:
            queryset.order_by(field)
        except FieldError:  # a value the view annotates (e.g. a district's inhabitants)
            queryset = queryset.annotate(**{field: Value(0)})
        queryset = ordering.filter(queryset, [choice])
        assert queryset.query.order_by[-1].lstrip("-") in {"pk", "id"}, (filterset.__name__, choice)
