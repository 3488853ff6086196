"""The page "Offene Berechtigungsänderungen": administrators ask for roles and memberships and
approve each other's requests (districts.access_requests)."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from districts.access_requests import AccessRequestRefused, WantedAccess, decide, refuse_decision, request_access
from districts.forms import AccessRequestForm
from districts.models import AccessRequest, AccessRequestStatus
from sozialraum.roles import ADMINISTRATION_ROLES
from sozialraum.views import RoleRequiredMixin

RELATED = ("user", "group", "team__district", "service_area__legal_area", "requested_by", "decided_by")


class AdministrationMixin(RoleRequiredMixin):
    roles = ADMINISTRATION_ROLES
    forbidden_status = 403


class AccessRequestListView(AdministrationMixin, ListView):
    template_name = "districts/access_requests.html"
    context_object_name = "pending"

    def get_queryset(self):
        pending = list(AccessRequest.objects.filter(status=AccessRequestStatus.PENDING).select_related(*RELATED))
        for access_request in pending:
            access_request.refusal = refuse_decision(access_request, self.request.user)
        return pending

    def get_context_data(self, **kwargs):
        decided = AccessRequest.objects.exclude(status=AccessRequestStatus.PENDING).select_related(*RELATED)
        return super().get_context_data(decided=decided.order_by("-decided_at")[:20], **kwargs)


class AccessRequestCreateView(AdministrationMixin, FormView):
    form_class = AccessRequestForm
    template_name = "districts/access_request_form.html"
    success_url = reverse_lazy("districts:access_requests")

    def form_valid(self, form):
        data = form.cleaned_data
        if data["kind"] == AccessRequestForm.ROLE:
            wanted = WantedAccess(group=data["group"])
        else:
            wanted = WantedAccess(
                team=data["team"], membership_role=data["membership_role"], service_area=data["service_area"]
            )
        try:
            request_access(self.request.user, data["user"], wanted, data["reason"])
        except AccessRequestRefused as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        messages.success(self.request, _("Requested. It takes effect when a second administrator approves it."))
        return super().form_valid(form)


class AccessRequestDecisionView(AdministrationMixin, View):
    http_method_names = ["post"]
    approve = True

    def post(self, request, pk):
        try:
            access_request = decide(pk, request.user, approve=self.approve)
        except AccessRequest.DoesNotExist:
            raise Http404 from None
        except AccessRequestRefused as refusal:
            messages.error(request, str(refusal))
        else:
            text = _("Approved: %(change)s.") if self.approve else _("Rejected: %(change)s.")
            messages.success(request, text % {"change": access_request})
        return HttpResponseRedirect(reverse("districts:access_requests"))
