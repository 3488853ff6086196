"""Letters from templates: written for a case by who may edit it; printed (PDF) or filed as a
document of the case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from cases import attachments
from cases.access import visible_case
from cases.letter_forms import LetterForm
from cases.letters import letter_pdf
from cases.models import Attachment, AttachmentKind, LetterKind
from sozialraum import audit
from sozialraum.models import AuditAction
from sozialraum.views import CaseWorkMixin


class LetterView(CaseWorkMixin, View):
    template_name = "cases/letter_form.html"

    def get(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        initial = {"consent": request.GET.get("einwilligung")} if request.GET.get("einwilligung") else {}
        return render(request, self.template_name, {"case": case, "form": LetterForm(case=case, initial=initial)})

    def post(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        form = LetterForm(request.POST, case=case)
        if not form.is_valid():
            return render(request, self.template_name, {"case": case, "form": form})
        data = form.cleaned_data
        template = data["template"]
        try:
            pdf = letter_pdf(
                template,
                case,
                request.user,
                consent=data["consent"] if template.kind == LetterKind.CONSENT_FORM else None,
                appointment=data["appointment"],
                place=data["place"],
            )
        except ValidationError as missing:
            form.add_error(None, missing)
            return render(request, self.template_name, {"case": case, "form": form})
        name = f"{slugify(template.name)}-{case.reference}-{timezone.localdate():%Y-%m-%d}.pdf"
        if request.POST.get("action") == "file":
            document = Attachment(
                case=case,
                consent=data["consent"] if template.kind == LetterKind.CONSENT_FORM else None,
                title=template.name,
                kind=AttachmentKind.LETTER,
                document_date=timezone.localdate(),
            )
            attachments.file_document(request.user, document, SimpleUploadedFile(name, pdf))
            messages.success(request, _("Letter “%(name)s” filed with the case.") % {"name": template.name})
            return redirect(f"{case.get_absolute_url()}#documents-heading")
        audit.log(
            request.user,
            AuditAction.EXPORT,
            case,
            case_id=case.pk,
            details={"document": "letter", "template": template.pk},
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store"
        return response
