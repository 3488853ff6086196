from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.models import District, Municipality
from reports.rendering import SECTIONS
from sozialraum.forms import DATE_INPUT
from sozialraum.periods import period_of
from sozialraum.validators import plausible_date

PERIOD_KINDS = [("year", _("Year")), ("half", _("Half-year")), ("quarter", _("Quarter")), ("custom", _("From–to"))]


class ReportForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.all())
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        queryset=District.objects.select_related("municipality"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: all districts of the municipality."),
    )
    period_kind = forms.ChoiceField(label=_("Period"), choices=PERIOD_KINDS, initial="year")
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    part = forms.ChoiceField(
        label=_("Half-year or quarter"),
        required=False,
        choices=[("", "–"), ("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")],
    )
    start = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT, validators=[plausible_date])
    end = forms.DateField(label=_("Until"), required=False, widget=DATE_INPUT, validators=[plausible_date])
    sections = forms.MultipleChoiceField(
        label=_("Sections"), choices=list(SECTIONS.items()), widget=forms.CheckboxSelectMultiple, initial=list(SECTIONS)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year - 1
        self.fields["year"].widget.attrs["inputmode"] = "numeric"
        self.fields["year"].localize = False

    def clean(self):
        cleaned = super().clean()
        kind, year, part = cleaned.get("period_kind"), cleaned.get("year"), cleaned.get("part")
        municipality = cleaned.get("municipality")
        districts = list(cleaned.get("districts") or [])
        if municipality and any(district.municipality_id != municipality.pk for district in districts):
            self.add_error("districts", _("Choose districts of one municipality only: the one chosen above."))
        if municipality and not districts:
            districts = list(municipality.districts.all())
            if not districts:
                self.add_error(
                    "municipality", _("This municipality has no districts yet, so there is nothing to report.")
                )
        cleaned["district_list"] = districts
        if kind in ("year", "half", "quarter") and not year:
            self.add_error("year", _("Name the year."))
        if kind == "half" and part not in ("1", "2"):
            self.add_error("part", _("Choose the first or the second half-year."))
        if kind == "quarter" and part not in ("1", "2", "3", "4"):
            self.add_error("part", _("Choose a quarter from 1 to 4."))
        if kind == "custom":
            start, end = cleaned.get("start"), cleaned.get("end")
            if not start or not end:
                self.add_error("start", _("Name the first and the last day."))
            elif end < start:
                self.add_error("end", _("The last day lies before the first day."))
        if self.errors:
            return cleaned
        period = period_of(kind, year, int(part) if part else None, cleaned.get("start"), cleaned.get("end"))
        if period.start > timezone.localdate():
            self.add_error(None, _("The period lies in the future; there are no figures for it yet."))
        if period.start < date(2000, 1, 1):
            self.add_error(None, _("The period is implausible."))
        cleaned["period"] = period
        return cleaned
