from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
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


class DistrictInline(admin.TabularInline):
    model = District
    fields = ["name", "slug", "code"]
    extra = 0
    show_change_link = True


class LocalityInline(admin.TabularInline):
    model = Locality
    extra = 0


class NoOwnMembershipFormSet(BaseInlineFormSet):
    """Nobody makes themselves a member of a team, or changes their own membership, here:
    membership decides which case files one reads (DESIGN §4 rule 9)."""

    request = None

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.has_changed() or not hasattr(form, "cleaned_data"):
                continue
            user = form.cleaned_data.get("user") or getattr(form.instance, "user", None)
            if self.request is not None and user is not None and user.pk == self.request.user.pk:
                raise ValidationError(_("You cannot change your own team membership; ask another administrator."))


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["user"]
    extra = 1
    formset = NoOwnMembershipFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request
        return formset


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


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "unit", "position"]
    list_editable = ["position"]
    search_fields = ["name", "key"]


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
    list_display = ["user", "team", "role", "service_area"]
    list_filter = ["role", "team__district__municipality", "service_area__legal_area"]
    list_select_related = ["user", "team", "service_area__legal_area"]
    autocomplete_fields = ["user", "team"]
    search_fields = ["user__username", "user__last_name", "team__name"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class NoOwnMembershipForm(form):
            def clean(self):
                cleaned = super().clean()
                user = cleaned.get("user") or getattr(self.instance, "user", None)
                if user is not None and user.pk == request.user.pk:
                    raise ValidationError(_("You cannot change your own team membership; ask another administrator."))
                return cleaned

        return NoOwnMembershipForm

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.user_id == request.user.pk:
            return False
        return super().has_delete_permission(request, obj)
