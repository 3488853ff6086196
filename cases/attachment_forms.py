"""Filing a document on a case."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.attachments import check_upload
from cases.models import Attachment, Case
from sozialraum.forms import DATE_INPUT


class AttachmentForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, DOCX, XLSX, ODT or ODS. Drag the file onto the field or choose it."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods"}),
    )

    class Meta:
        model = Attachment
        fields = ["title", "kind", "document_date", "consent", "referral"]
        widgets = {"document_date": DATE_INPUT}

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = case.consents.select_related("team", "legal_area", "partner")
        self.fields["referral"].queryset = case.referrals.select_related("partner", "offer")
        self.fields["consent"].help_text = _("For a signed consent: the consent record it belongs to.")
        if not self.is_bound:
            self.fields["document_date"].initial = timezone.localdate()

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            self.content_type = check_upload(upload)
        except ValidationError as refused:
            raise forms.ValidationError(refused.messages) from refused
        return upload
