"""The help plan's history and its printable PDF: for readers with full access (it names the persons)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from cases.access import visible_case
from cases.help_plan import document_context, history
from sozialraum import audit
from sozialraum.models import AuditAction
from sozialraum.pdf import render_pdf
from sozialraum.views import CaseWorkMixin, as_id


def readable_case(request, reference):
    case = visible_case(request.user, reference)
    if not case.full_access:
        raise PermissionDenied(_("The help plan names the persons: only readers with full access open it."))
    return case


class HelpPlanHistoryView(CaseWorkMixin, View):
    def get(self, request, reference):
        case = readable_case(request, reference)
        return render(request, "cases/help_plan_history.html", {"case": case, "history": history(case)})


class HelpPlanPdfView(CaseWorkMixin, View):
    def get(self, request, reference):
        case = readable_case(request, reference)
        versions = case.plan_versions.order_by("-number")
        number = as_id(request.GET.get("version"))
        version = versions.filter(number=number).first() if number else versions.first()
        if version is None:
            raise Http404
        audit.log(
            request.user,
            AuditAction.EXPORT,
            case,
            case_id=case.pk,
            details={"document": "help_plan", "version": version.number},
        )
        pdf = render_pdf("cases/help_plan_pdf.html", document_context(case, version))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="hilfeplan-{case.reference}-v{version.number}.pdf"'
        response["Cache-Control"] = "no-store"
        return response
