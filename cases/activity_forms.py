"""The work log's form ("Tätigkeit erfassen", also for corrections) and its case pickers."""

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import MAX_MINUTES_PER_ENTRY, NON_CASE_TYPES, CaseStatus, WorkKind
from cases.forms import no_future
from cases.models import Activity, Case
from cases.name_warning import NameWarningMixin
from cases.pseudonym import is_shown_named, persons_of
from districts.models import District
from networks.models import Network, Partner
from sozialraum.forms import DATE_INPUT
from sozialraum.roles import does_case_work
from sozialraum.versioning import VersionedForm
from sozialraum.views import ids_from

# How many of the user's own open cases the quick form offers before the search is needed.
OFFERED_CASES = 30


def own_open_cases(user) -> list[tuple[int, str]]:
    """(pk, reference) of the first of the user's own open cases, as a case select offers them."""
    own = Case.objects.visible_to(user).filter(status=CaseStatus.OPEN, caseworker=user).order_by("reference")
    return list(own.values_list("pk", "reference")[:OFFERED_CASES])


def case_picker_choices(
    user, chosen_ids: list[int], empty: bool, offered: list[tuple[int, str]], closed_too: bool = False
) -> list:
    """The options of a case select: the chosen cases (kept when a form comes back with an
    error), then `offered` (the user's own open cases, or search results). Never every visible
    case: at city scale that was thousands of options in every quick form."""
    chosen = []
    if chosen_ids:
        visible = Case.objects.visible_to(user).filter(pk__in=chosen_ids)
        if not closed_too:
            visible = visible.filter(status=CaseStatus.OPEN)
        chosen = list(visible.order_by("reference").values_list("pk", "reference"))
    others = [choice for choice in offered if choice not in chosen]
    return ([("", "---------")] if empty else []) + chosen + others


class ActivityForm(NameWarningMixin, VersionedForm):
    # Own field: the model field's validators would answer "-30" with a message about 0.
    minutes = forms.IntegerField(
        label=_("minutes"), widget=forms.NumberInput(attrs={"min": 1, "max": MAX_MINUTES_PER_ENTRY, "step": 5})
    )
    related_cases = forms.ModelMultipleChoiceField(
        label=_("cases"),
        queryset=Case.objects.none(),
        required=False,
        help_text=_("For cross-case work: the cases it served."),
    )

    class Meta:
        model = Activity
        fields = [
            "date",
            "minutes",
            "kind",
            "activity_type",
            "case",
            "related_cases",
            "group_description",
            "district",
            "people_reached",
            "partners",
            "network",
            "note",
        ]
        widgets = {
            "date": DATE_INPUT,
            "kind": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def chosen_case_ids(self, name: str) -> list[int]:
        if self.is_bound:
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name)]
        else:
            initial = self.initial.get(name) or self.fields[name].initial
            values = initial if isinstance(initial, list | tuple) else [initial]
        return ids_from([getattr(value, "pk", value) for value in values])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.does_case_work = does_case_work(user)
        if self.does_case_work:
            self.offer_cases(user)
            teams_districts = District.objects.filter(teams__memberships__user=user).distinct()
            municipalities = teams_districts.values("municipality")
        else:
            # Network coordination logs its own district work: no cases, in its networks' municipalities.
            for name in ("case", "related_cases", "group_description"):
                del self.fields[name]
            municipalities = Network.objects.filter(coordinator=user).values("municipality")
            teams_districts = District.objects.filter(municipality__in=municipalities).order_by("name")
        # Work is logged for the districts, partners and networks of the user's own municipalities.
        self.fields["district"].queryset = District.objects.filter(municipality__in=municipalities).select_related(
            "municipality"
        )
        # Radio buttons without an empty "---------"; without case work only district work.
        district_work_only = [(WorkKind.NON_CASE.value, WorkKind.NON_CASE.label)]
        self.fields["kind"].choices = WorkKind.choices if self.does_case_work else district_work_only
        if not self.does_case_work:
            self.fields["activity_type"].choices = [
                choice for choice in self.fields["activity_type"].choices if choice[0] in ("", *NON_CASE_TYPES)
            ]
        self.fields["partners"].queryset = Partner.objects.filter(
            active=True, municipality__in=municipalities
        ).order_by("name")
        self.fields["partners"].help_text = _("For district work: the partners it was done with.")
        self.fields["network"].queryset = Network.objects.filter(active=True, municipality__in=municipalities).order_by(
            "name"
        )
        if not self.is_bound and not self.instance.pk:
            self.fields["date"].initial = timezone.localdate()
            self.fields["kind"].initial = WorkKind.CASE_SPECIFIC if self.does_case_work else WorkKind.NON_CASE
            first = teams_districts.first()
            if first:
                self.fields["district"].initial = first.pk

    def offer_cases(self, user) -> None:
        visible = Case.objects.visible_to(user).filter(status=CaseStatus.OPEN).order_by("reference")
        own = own_open_cases(user)
        for name in ("case", "related_cases"):
            # Any visible open case is valid; the select offers only a few (case_picker_choices),
            # the search field above it fetches others (CaseOptionsView). A correction keeps the
            # entry's own cases even if they have been closed since.
            queryset = visible
            if self.instance.pk:
                kept = [self.instance.case_id] if name == "case" else self.chosen_case_ids(name)
                queryset = (visible | Case.objects.visible_to(user).filter(pk__in=[pk for pk in kept if pk])).distinct()
            self.fields[name].queryset = queryset
            self.fields[name].widget.choices = case_picker_choices(
                user, self.chosen_case_ids(name), empty=name == "case", offered=own, closed_too=bool(self.instance.pk)
            )

    name_checked_fields = ("note", "group_description")

    def persons_for_names(self, cleaned):
        cases = [cleaned["case"]] if cleaned.get("case") else list(cleaned.get("related_cases") or [])
        # Cases from Case.objects.visible_to: only names the writer sees are warned about.
        return [person for case in cases if is_shown_named(case) for person in persons_of(case)]

    def clean_date(self):
        return no_future(self.cleaned_data.get("date"), _("Work cannot be logged for a day in the future."))

    def clean_minutes(self):
        minutes = self.cleaned_data.get("minutes")
        if minutes is not None and not 1 <= minutes <= MAX_MINUTES_PER_ENTRY:
            raise forms.ValidationError(
                _("Minutes must lie between 1 and %(max)s (one day).") % {"max": MAX_MINUTES_PER_ENTRY}
            )
        return minutes

    def clean(self):
        cleaned = super().clean()
        if not self.does_case_work:
            return cleaned
        kind, activity_type = cleaned.get("kind"), cleaned.get("activity_type")
        case, related = cleaned.get("case"), cleaned.get("related_cases")
        if kind == WorkKind.CASE_SPECIFIC:
            if not case and "case" not in self.errors:
                self.add_error("case", _("Case-specific work belongs to exactly one case."))
            if related:
                self.add_error(
                    "related_cases", _("Case-specific work has one case; choose cross-case work for several.")
                )
        elif kind == WorkKind.CROSS_CASE:
            if case:
                self.add_error("case", _("Cross-case work names its cases below, not here."))
            if not related and not cleaned.get("group_description"):
                self.add_error("related_cases", _("Name the cases or the group this work served."))
        elif kind == WorkKind.NON_CASE and (case or related):
            self.add_error("case", _("Non-case-specific district work is not linked to a case."))
        if activity_type and kind:
            district_work = activity_type in NON_CASE_TYPES
            if district_work != (kind == WorkKind.NON_CASE):
                self.add_error("activity_type", _("This type does not fit the kind of work chosen."))
        if kind != WorkKind.NON_CASE and (cleaned.get("partners") or cleaned.get("network")):
            self.add_error("partners", _("Partners and networks are named for district work only."))
        if kind != WorkKind.NON_CASE and cleaned.get("people_reached") is not None:
            self.add_error("people_reached", _("People reached are counted for district work only."))
        if case and cleaned.get("district") and case.team.district_id != cleaned["district"].pk:
            cleaned["district"] = case.team.district
        return cleaned


PERIOD_KINDS = [("month", _("Month")), ("quarter", _("Quarter")), ("year", _("Year"))]


class TeamWorkPeriodForm(forms.Form):
    """Which month, quarter or year the team figures show: the one that contains the chosen month."""

    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_KINDS, required=False)
    month = forms.CharField(
        label=_("Month"),
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
        help_text=_("For a quarter or year: any month in it."),
    )

    def clean_month(self):
        text = self.cleaned_data["month"].strip()
        if not text:
            return timezone.localdate().replace(day=1)
        year, _dash, month = text.partition("-")
        if not (year.isascii() and year.isdigit() and month.isascii() and month.isdigit()):
            raise forms.ValidationError(_("Enter the month as year and month, e.g. 2026-03."))
        if not (2000 <= int(year) <= 2100 and 1 <= int(month) <= 12):
            raise forms.ValidationError(_("Choose a month between 2000 and 2100."))
        return date(int(year), int(month), 1)

    def chosen(self) -> tuple[str, date]:
        """(kind of period, a day in it); the current month where the input cannot be used."""
        if self.is_valid():
            return self.cleaned_data["period"] or "month", self.cleaned_data["month"]
        return "month", timezone.localdate().replace(day=1)
