from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cases.forms import CasePersonsNameWarning, MaskedFreeTextMixin
from cases.name_warning import NameWarningMixin
from cases.pseudonym import is_shown_named, persons_of
from meetings.constants import MAX_SERIES_YEARS, AgendaItemKind, Rhythm
from meetings.models import ActionItem, AgendaItem, Consultation, Correction, Meeting, MeetingSeries
from meetings.schedule import series_dates
from meetings.services import case_labels, overlapping
from networks.models import Partner
from sozialraum.formats import format_date
from sozialraum.forms import DATE_INPUT, TIME_INPUT, staff_name
from sozialraum.validators import plausible_date
from sozialraum.versioning import VersionedForm


class GivenDatesField(forms.CharField):
    """Dates typed as "14.01.2026, 11.03.2026" (or ISO)."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(format_date(day) for day in value)
        return value

    def to_python(self, value):
        days = []
        for part in filter(None, (piece.strip() for piece in (value or "").replace(";", ",").split(","))):
            try:
                if "." in part:
                    day, month, year = (int(number) for number in part.split("."))
                    days.append(date(year, month, day))
                else:
                    days.append(date.fromisoformat(part))
            except ValueError:
                raise forms.ValidationError(_("“%(value)s” is not a date (DD.MM.YYYY).") % {"value": part}) from None
        return days

    def validate(self, value):
        super().validate(value)
        for day in value:
            plausible_date(day)


class SeriesForm(forms.ModelForm):
    given_dates = GivenDatesField(
        label=_("dates"), required=False, help_text=_("Only for “on given dates”: e.g. 14.01.2026, 11.03.2026")
    )

    class Meta:
        model = MeetingSeries
        fields = [
            "team",
            "network",
            "name",
            "kind",
            "rhythm",
            "weekday",
            "nth",
            "week_parity",
            "given_dates",
            "start_date",
            "end_date",
            "start_time",
            "end_time",
            "place",
        ]
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT, "start_time": TIME_INPUT, "end_time": TIME_INPUT}

    def __init__(self, *args, teams, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["network"].queryset = networks
        self.dates: list[date] = []

    def clean(self):
        cleaned = super().clean()
        team, network = cleaned.get("team"), cleaned.get("network")
        if bool(team) == bool(network):
            self.add_error("team", _("Choose either a team or a network."))
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day lies before the first day."))
            return cleaned
        if start and end and (end - start).days > MAX_SERIES_YEARS * 366:
            self.add_error("end_date", _("A series can run for at most %(years)s years.") % {"years": MAX_SERIES_YEARS})
            return cleaned
        if cleaned.get("start_time") and cleaned.get("end_time") and cleaned["end_time"] <= cleaned["start_time"]:
            self.add_error("end_time", _("The meeting must end after it starts."))
        rhythm = cleaned.get("rhythm")
        if rhythm in (Rhythm.MONTHLY_NTH_WEEKDAY, Rhythm.TWO_WEEKLY_ISO_PARITY) and cleaned.get("weekday") is None:
            self.add_error("weekday", _("This rhythm needs a weekday."))
        if rhythm == Rhythm.MONTHLY_NTH_WEEKDAY and cleaned.get("nth") not in (1, 2, 3, 4, 5, -1):
            self.add_error("nth", _("Say which weekday of the month: 1 to 5, or −1 for the last."))
        if rhythm == Rhythm.TWO_WEEKLY_ISO_PARITY and not cleaned.get("week_parity"):
            self.add_error("week_parity", _("Say whether even or odd calendar weeks."))
        if rhythm == Rhythm.GIVEN_DATES and not cleaned.get("given_dates"):
            self.add_error("given_dates", _("Name the dates."))
        if self.errors or not (start and end and rhythm):
            return cleaned
        self.dates = series_dates(
            rhythm,
            start,
            end,
            weekday=cleaned.get("weekday"),
            nth=cleaned.get("nth"),
            week_parity=cleaned.get("week_parity"),
            given_dates=cleaned.get("given_dates") or [],
        )
        if not self.dates:
            raise forms.ValidationError(_("This rhythm yields no date between the first and the last day."))
        clashes = [
            clash
            for day in self.dates[:400]
            for clash in overlapping(
                cleaned.get("place", ""),
                day,
                cleaned["start_time"],
                cleaned["end_time"],
                exclude_series=self.instance if self.instance.pk else None,
            )[:1]
        ]
        if clashes:
            # Dates only: the other meeting may belong to a team whose meetings the user may not see.
            listed = ", ".join(format_date(clash.date) for clash in clashes[:5])
            self.add_error("place", _("The room is taken at the same time: %(dates)s.") % {"dates": listed})
        return cleaned


class MeetingMoveForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "start_time", "end_time", "place"]
        widgets = {"date": DATE_INPUT, "start_time": TIME_INPUT, "end_time": TIME_INPUT}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The meeting must end after it starts."))
        elif cleaned.get("date") and start and end:
            clash = overlapping(
                cleaned.get("place", ""), cleaned["date"], start, end, exclude_ids=[self.instance.pk]
            ).first()
            if clash:  # without its title: it may be another team's meeting
                self.add_error("place", _("The room is taken at that time by another meeting."))
        return cleaned


class ProposalForm(CasePersonsNameWarning, forms.Form):
    name_checked_fields = ("question",)
    question = forms.CharField(
        label=_("Your question for the team (Fragestellung)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("What should the team think about with you? The will of the person leads."),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case


class TopicForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["kind", "title", "presenter", "planned_minutes"]

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (kind.value, kind.label) for kind in AgendaItemKind if kind != AgendaItemKind.CASE
        ]
        self.fields["presenter"].queryset = members
        self.fields["presenter"].label_from_instance = staff_name


class AgendaItemForm(VersionedForm):
    class Meta:
        model = AgendaItem
        fields = ["presenter", "planned_minutes"]

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = members
        self.fields["presenter"].label_from_instance = staff_name

    def clean_planned_minutes(self):
        minutes = self.cleaned_data["planned_minutes"]
        if not 1 <= minutes <= 600:
            raise forms.ValidationError(_("Plan between 1 and 600 minutes."))
        return minutes


class TopicResultForm(VersionedForm):
    class Meta:
        model = AgendaItem
        fields = ["result"]
        widgets = {"result": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"result": _("What was said, decided or agreed; tasks go to the action items.")}


class AttendanceForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("Team members present"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        self.fields["members"].label_from_instance = staff_name


class GuestForm(forms.Form):
    guest_name = forms.CharField(label=_("Guest"), max_length=120)
    guest_partner = forms.ModelChoiceField(label=_("Organisation"), queryset=Partner.objects.none(), required=False)

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guest_partner"].queryset = partners


class ConsultationForm(CasePersonsNameWarning, MaskedFreeTextMixin, VersionedForm):
    masked_fields = ("question", "resources_seen", "ideas", "agreement", "next_step")
    name_checked_fields = masked_fields

    class Meta:
        model = Consultation
        fields = ["question", "resources_seen", "ideas", "agreement", "next_step", "follow_up_on"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in ["question", "resources_seen", "ideas", "agreement", "next_step"]
        }
        widgets["follow_up_on"] = DATE_INPUT

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.case = case  # marked `shown_named` by the meeting (consent, no guest)

    def stored_text_for_names(self, field):
        return self.stored_texts[field]


def agenda_item_label(item) -> str:
    return f"{item.title} – {item.case.reference}" if item.case_id else item.title


class ActionItemForm(NameWarningMixin, forms.ModelForm):
    name_checked_fields = ("what",)

    class Meta:
        model = ActionItem
        fields = ["agenda_item", "what", "owner", "due_on"]
        widgets = {"due_on": DATE_INPUT}
        error_messages = {"owner": {"required": _("Every action item needs someone who does it.")}}

    def __init__(self, *args, meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.select_related("case")
        # "Kollegiale Fallberatung – STY-2026-0027": three consultations are not three equal entries.
        self.fields["agenda_item"].label_from_instance = agenda_item_label
        self.fields["owner"].queryset = members
        self.fields["owner"].label_from_instance = staff_name
        self.meeting = meeting

    def persons_for_names(self, cleaned):
        item = cleaned.get("agenda_item")
        if item is None or item.case is None:
            return []
        case_labels(self.meeting, [item.case])  # shown named in this meeting?
        return persons_of(item.case) if is_shown_named(item.case) else []

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on and due_on < date(2000, 1, 1):
            raise forms.ValidationError(_("This date is implausible."))
        return due_on


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["agenda_item", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()
