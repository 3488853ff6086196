from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from districts.models import (
    District,
    Indicator,
    IndicatorValue,
    LegalArea,
    Locality,
    Membership,
    Municipality,
    ServiceArea,
    StaffFigure,
    Team,
)


# Stacked, not tabular: the cells of a tabular inline have no label of their own, only the column
# head (BITV: every field has a name).
class DistrictInline(admin.StackedInline):
    model = District
    fields = ["name", "slug", "code"]
    extra = 0
    show_change_link = True


class LocalityInline(admin.StackedInline):
    model = Locality
    extra = 0


class MembershipInline(admin.TabularInline):
    """Memberships decide which case files someone reads: they are requested and approved on the
    page "Offene Berechtigungsänderungen" (four-eyes). Here they are only listed."""

    model = Membership
    fields = ["user", "role", "service_area"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # here obj is the team; ending a membership: the membership list checks whose it is


def not_own_membership(request, obj) -> bool:
    return obj is None or getattr(obj, "user_id", None) != request.user.pk


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "state"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DistrictInline]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "municipality"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name", "code", "localities__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LocalityInline]


@admin.register(Locality)
class LocalityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "district"]
    list_filter = ["kind", "district__municipality"]
    list_select_related = ["district"]
    search_fields = ["name", "district__name"]


@admin.register(LegalArea)
class LegalAreaAdmin(admin.ModelAdmin):
    list_display = ["code", "retention_years"]


@admin.register(ServiceArea)
class ServiceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_area"]
    list_filter = ["legal_area"]
    list_select_related = ["legal_area"]
    search_fields = ["name"]


class IndicatorPositionForm(forms.ModelForm):
    """The position cells of the indicator list: each input named after its indicator, since a
    cell under a column head has no label of its own (BITV: every field has a name)."""

    class Meta:
        model = Indicator
        fields = ["position"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].widget.attrs["aria-label"] = _("Position of %(indicator)s") % {
            "indicator": self.instance.name
        }


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "unit", "position"]
    list_editable = ["position"]
    search_fields = ["name", "key"]

    def get_changelist_form(self, request, **kwargs):
        return IndicatorPositionForm


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    # German input: "28,9" and "15.921" as people write them.
    formfield_overrides = {models.DecimalField: {"localize": True}}
    list_display = ["indicator", "municipality", "district", "value", "reference_year", "reference_date"]
    list_filter = ["indicator", "municipality", "reference_year"]
    list_select_related = ["indicator", "municipality", "district"]
    search_fields = ["indicator__name", "district__name", "municipality__name", "source"]


@admin.register(StaffFigure)
class StaffFigureAdmin(admin.ModelAdmin):
    list_display = ["__str__", "municipality", "total", "female", "male", "approximate"]
    list_filter = ["municipality"]
    list_select_related = ["municipality", "district"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    list_filter = ["district__municipality"]
    list_select_related = ["district"]
    search_fields = ["name", "district__name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """See and end memberships; new ones and changes go through a request (MembershipInline)."""

    list_display = ["user", "team", "role", "service_area"]
    list_filter = ["role", "team__district__municipality", "service_area__legal_area"]
    list_select_related = ["user", "team", "service_area__legal_area"]
    search_fields = ["user__username", "user__last_name", "team__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return not_own_membership(request, obj) and super().has_delete_permission(request, obj)
