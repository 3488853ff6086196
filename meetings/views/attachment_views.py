"""Files on a meeting: added by who manages it, opened by who sees it (audited downloads)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from cases import attachments
from meetings.access import visible_meeting
from meetings.models import MeetingAttachment
from meetings.views.meeting_views import errors_text


class MeetingAttachmentForm(forms.ModelForm):
    upload = forms.FileField(label=gettext_lazy("File"))

    class Meta:
        model = MeetingAttachment
        fields = ["title"]

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        try:
            attachments.check_upload(upload)
        except ValidationError as refused:
            raise forms.ValidationError(refused.messages) from refused
        return upload


class MeetingAttachmentAddView(View):
    def post(self, request, pk):
        meeting = visible_meeting(request.user, pk, manage=True)
        form = MeetingAttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            document = form.save(commit=False)
            document.meeting = meeting
            attachments.file_document(request.user, document, form.cleaned_data["upload"])
            messages.success(request, _("Document “%(title)s” filed.") % {"title": document.title})
        else:
            messages.error(request, errors_text(form))
        return redirect(f"{meeting.get_absolute_url()}#meeting-documents")


class MeetingAttachmentDownloadView(View):
    def get(self, request, pk, attachment_id):
        meeting = visible_meeting(request.user, pk)
        return attachments.download(request.user, get_object_or_404(meeting.attachments, pk=attachment_id))


class MeetingAttachmentDeleteView(View):
    def post(self, request, pk, attachment_id):
        meeting = visible_meeting(request.user, pk, manage=True)
        document = meeting.attachments.filter(pk=attachment_id).first()
        if document is not None:
            attachments.remove_document(request.user, document)
            messages.success(request, _("Document removed."))
        return redirect(f"{meeting.get_absolute_url()}#meeting-documents")
