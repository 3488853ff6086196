import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from districts.constants import Topic
from districts.models import District, Locality
from networks.constants import PartnerKind, TargetGroup, for_target_group
from networks.models import Offer, Partner
from networks.search import search_offers
from sozialraum.filters import KeptChoicesFilterSet, StableOrderingFilter


class PartnerFilter(KeptChoicesFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PartnerKind.choices)
    district = django_filters.ModelChoiceFilter(
        label=_("District"), field_name="districts", queryset=District.objects.select_related("municipality")
    )
    active = django_filters.BooleanFilter(
        label=_("Active"),
        widget=forms.Select(choices=[("", _("all")), ("true", _("active")), ("false", _("inactive"))]),
    )
    ordering = StableOrderingFilter(
        label=_("Sort by"),
        fields=[("name", "name"), ("kind", "kind"), ("last_checked_on", "checked")],
        field_labels={"name": _("Name"), "kind": _("Kind"), "last_checked_on": _("Last checked on")},
    )

    class Meta:
        model = Partner
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(contacts__name__icontains=value)).distinct()


class OfferFilter(KeptChoicesFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="full_text")
    topic = django_filters.ChoiceFilter(label=_("Topic"), choices=Topic.choices, method="has_topic")
    target_group = django_filters.ChoiceFilter(
        label=_("Target group"), choices=TargetGroup.choices, method="has_target_group"
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"), field_name="districts", queryset=District.objects.select_related("municipality")
    )
    locality = django_filters.ModelChoiceFilter(
        label=_("Locality"), field_name="localities", queryset=Locality.objects.select_related("district")
    )
    language = django_filters.CharFilter(label=_("Language"), method="speaks")

    class Meta:
        model = Offer
        fields = []

    def full_text(self, queryset, name, value):
        """German full text, parts of words, spellings without umlauts and synonyms (networks.search)."""
        return search_offers(queryset, value) if value.strip() else queryset

    def has_topic(self, queryset, name, value):
        return queryset.filter(topics__contains=[value])

    def has_target_group(self, queryset, name, value):
        return queryset.filter(for_target_group(value))

    def speaks(self, queryset, name, value):
        return queryset.filter(languages__icontains=value.strip()) if value.strip() else queryset
