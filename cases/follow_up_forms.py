"""Forms of follow-ups: set one, postpone one, hand one over."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import FollowUp
from sozialraum.forms import DATE_INPUT, staff_name
from sozialraum.versioning import VersionedForm

# The quick choices on a case: "in 2 Wochen", "in 1 Monat" (value: days from today).
QUICK_CHOICES = (("14", _("in 2 weeks")), ("30", _("in 1 month")))


class FollowUpForm(forms.ModelForm):
    """A date (or one of the quick choices) and a reason."""

    in_days = forms.TypedChoiceField(choices=QUICK_CHOICES, coerce=int, required=False, widget=forms.HiddenInput)

    class Meta:
        model = FollowUp
        fields = ["due_on", "reason"]
        widgets = {"due_on": DATE_INPUT}
        labels = {"due_on": _("or on"), "reason": _("Reason")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("in_days"):
            cleaned["due_on"] = timezone.localdate() + timedelta(days=cleaned["in_days"])
        elif not cleaned.get("due_on") and "due_on" not in self.errors:
            self.add_error("due_on", _("Choose a date or one of the quick choices."))
        elif cleaned.get("due_on") and cleaned["due_on"] < timezone.localdate():
            self.add_error("due_on", _("A follow-up lies today or later."))
        return cleaned


class PostponeForm(VersionedForm):
    class Meta:
        model = FollowUp
        fields = ["due_on", "postponed_reason"]
        widgets = {"due_on": DATE_INPUT}
        labels = {"due_on": _("New date")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postponed_reason"].required = True

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on <= timezone.localdate():
            raise forms.ValidationError(_("Postpone to a day after today."))
        return due_on


class HandOverForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    colleague = forms.ModelChoiceField(queryset=None, label=_("Hand over to"))

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = colleagues
        self.fields["colleague"].label_from_instance = staff_name
