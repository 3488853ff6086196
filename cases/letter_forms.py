"""Writing a letter from a template for a case."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.letters import check_template
from cases.models import Case, LetterKind, LetterTemplate


class LetterForm(forms.Form):
    template = forms.ModelChoiceField(queryset=LetterTemplate.objects.filter(active=True), label=_("Letter"))
    consent = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Consent"),
        help_text=_("For the consent form: the consent record whose scope it names."),
    )
    appointment = forms.CharField(
        label=_("Appointment"), required=False, max_length=120, help_text=_("e.g. Tuesday, 2 December, 10:00")
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=120)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = case.consents.filter(withdrawn_at__isnull=True).select_related(
            "team", "legal_area", "partner"
        )

    def clean(self):
        cleaned = super().clean()
        template = cleaned.get("template")
        if template and template.kind == LetterKind.CONSENT_FORM and not cleaned.get("consent"):
            self.add_error("consent", _("Choose the consent this form is for."))
        return cleaned


class LetterTemplateAdminForm(forms.ModelForm):
    """The administrators' form: only known placeholders, brackets that match."""

    class Meta:
        model = LetterTemplate
        fields = ["name", "kind", "subject", "body", "active"]

    def clean(self):
        cleaned = super().clean()
        for name in ("subject", "body"):
            try:
                check_template(cleaned.get(name) or "")
            except ValidationError as refused:
                self.add_error(name, refused)
        return cleaned
