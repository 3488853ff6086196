"""Documents of a case: filing (who may edit the case), opening (who reads it in full; audited),
removing. Readers of the pseudonymised case see that a document exists, not its content."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from cases import attachments
from cases.access import visible_case
from cases.attachment_forms import AttachmentForm
from sozialraum.views import CaseWorkMixin


class AttachmentCreateView(CaseWorkMixin, View):
    template_name = "cases/attachment_form.html"

    def get(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        initial = {"consent": request.GET.get("einwilligung")} if request.GET.get("einwilligung") else {}
        if initial:
            initial["kind"] = "consent"
        return render(request, self.template_name, self.context(case, AttachmentForm(case=case, initial=initial)))

    def context(self, case, form) -> dict:
        return {"case": case, "form": form, "max_mb": settings.ATTACHMENT_MAX_MB}

    def post(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        form = AttachmentForm(request.POST, request.FILES, case=case)
        if form.is_valid():
            document = form.save(commit=False)
            document.case = case
            attachments.file_document(request.user, document, form.cleaned_data["upload"])
            messages.success(request, _("Document “%(title)s” filed.") % {"title": document.title})
            return redirect(f"{case.get_absolute_url()}#documents-heading")
        return render(request, self.template_name, self.context(case, form))


class AttachmentDownloadView(CaseWorkMixin, View):
    def get(self, request, reference, attachment_id):
        case = visible_case(request.user, reference)
        document = get_object_or_404(case.attachments, pk=attachment_id)
        if not case.full_access:
            raise PermissionDenied(_("Only readers with full access open the documents of a case."))
        return attachments.download(request.user, document)


class AttachmentDeleteView(CaseWorkMixin, View):
    def post(self, request, reference, attachment_id):
        case = visible_case(request.user, reference, editable=True)
        document = case.attachments.filter(pk=attachment_id).first()
        if document is not None:  # (a second click finds it gone)
            attachments.remove_document(request.user, document)
            messages.success(request, _("Document removed."))
        return redirect(f"{case.get_absolute_url()}#documents-heading")
