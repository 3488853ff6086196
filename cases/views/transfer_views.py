"""Zuständigkeitswechsel: the sending side asks on the case page; the receiving team's lead
decides on a page that shows the case only pseudonymised (the team cannot read it yet)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cases import transfers
from cases.access import visible_case
from cases.models import CaseTransfer, TransferStatus
from cases.pseudonym import display_cases
from cases.transfer_forms import TransferAcceptForm, TransferDeclineForm, TransferRequestForm
from sozialraum.views import CaseWorkMixin


class CaseTransferView(CaseWorkMixin, View):
    """Ask another team to take the case over (or withdraw the request)."""

    template_name = "cases/transfer_request.html"

    def context(self, case, form):
        return {
            "case": case,
            "form": form,
            "pending": case.transfers.filter(status=TransferStatus.PENDING).select_related("to_team").first(),
            "history": case.transfers.exclude(status=TransferStatus.PENDING).select_related("to_team", "from_team"),
        }

    def get(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        return render(request, self.template_name, self.context(case, TransferRequestForm(case=case)))

    def post(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        if "cancel" in request.POST:
            pending = case.transfers.filter(status=TransferStatus.PENDING).first()
            if pending and transfers.cancel(request.user, pending):
                messages.success(request, _("The handover request was withdrawn."))
            return redirect(case)
        form = TransferRequestForm(request.POST, case=case)
        if form.is_valid():
            try:
                data = form.cleaned_data
                transfers.request_transfer(request.user, case, data["to_team"], data["reason"])
            except ValidationError as refused:
                form.add_error(None, refused)
            else:
                messages.success(
                    request,
                    _("Handover to %(team)s requested. You stay responsible until its lead accepts.")
                    % {"team": form.cleaned_data["to_team"]},
                )
                return redirect(case)
        return render(request, self.template_name, self.context(case, form))


class IncomingTransfersView(CaseWorkMixin, TemplateView):
    """Handovers waiting for a team the user leads."""

    template_name = "cases/transfers_incoming.html"

    def get_context_data(self, **kwargs):
        waiting = list(transfers.pending_for(self.request.user))
        labels = display_cases([transfer.case for transfer in waiting])  # pseudonyms: not readable yet
        for transfer in waiting:
            transfer.case_label = labels[transfer.case_id]
        return super().get_context_data(**kwargs, transfers=waiting)


class TransferDecideView(CaseWorkMixin, View):
    template_name = "cases/transfer_decide.html"

    def transfer(self, pk) -> CaseTransfer:
        transfer = get_object_or_404(
            CaseTransfer.objects.select_related("case__legal_area", "case__team__district", "from_team", "to_team"),
            pk=pk,
        )
        if not transfers.may_decide(self.request.user, transfer):
            raise Http404
        transfer.case_label = display_cases([transfer.case])[transfer.case_id]
        return transfer

    def show(self, transfer, accept_form=None, decline_form=None, refusal=""):
        return render(
            self.request,
            self.template_name,
            {
                "transfer": transfer,
                "accept_form": accept_form or TransferAcceptForm(transfer=transfer),
                "decline_form": decline_form or TransferDeclineForm(),
                "refusal": refusal,
                "team_consents": transfer.case.consents.filter(team=transfer.from_team_id).exists(),
            },
        )

    def get(self, request, pk):
        return self.show(self.transfer(pk))

    def post(self, request, pk):
        transfer = self.transfer(pk)
        if transfer.status != TransferStatus.PENDING:
            messages.info(request, _("This handover has been decided already."))
            return redirect("cases:transfers_incoming")
        try:
            if "decline" in request.POST:
                form = TransferDeclineForm(request.POST)
                if not form.is_valid():
                    return self.show(transfer, decline_form=form)
                transfers.decline(request.user, transfer, form.cleaned_data["decline_reason"])
                messages.success(request, _("Handover declined; the sending team keeps the case."))
                return redirect("cases:transfers_incoming")
            form = TransferAcceptForm(request.POST, transfer=transfer)
            if not form.is_valid():
                return self.show(transfer, accept_form=form)
            case = transfers.accept(
                request.user, transfer, form.cleaned_data["caseworker"], form.cleaned_data["service_area"]
            )
        except ValidationError as refused:
            return self.show(transfer, refusal=" ".join(refused.messages))
        messages.success(request, _("Case %(reference)s taken over by your team.") % {"reference": case.reference})
        return redirect(case)
