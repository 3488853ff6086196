from django.contrib import messages
from django.db.models import Count, Max, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from networks import exports
from networks.forms import NetworkForm, NetworkMembershipForm
from networks.models import Network, NetworkMembership
from sozialraum.versioning import UniqueRaceMixin, VersionedUpdateMixin
from sozialraum.views import DirectoryEditorMixin, DirectoryReaderMixin


class NetworkListView(DirectoryReaderMixin, ListView):
    template_name = "networks/network_list.html"
    context_object_name = "networks"
    paginate_by = 50

    def get_queryset(self):
        return (
            Network.objects.select_related("municipality", "coordinator")
            .prefetch_related("districts__municipality")
            .annotate(member_count=Count("memberships"))
            .order_by("municipality__name", "name")
        )


class NetworkDetailView(DirectoryReaderMixin, DetailView):
    """The roster page, in the columns of the Ulm Koordinierungsgruppe."""

    template_name = "networks/network_detail.html"
    context_object_name = "network"

    def get_queryset(self):
        return Network.objects.select_related("municipality", "coordinator").prefetch_related(
            "districts__municipality",
            Prefetch(
                "memberships",
                queryset=NetworkMembership.objects.select_related("partner", "representative", "deputy").order_by(
                    "position", "id"
                ),
            ),
        )


class NetworkFormMixin(DirectoryEditorMixin):
    model = Network
    form_class = NetworkForm
    template_name = "networks/network_form.html"

    success_message = gettext_lazy("Network saved.")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, self.success_message)
        return response


class NetworkCreateView(UniqueRaceMixin, NetworkFormMixin, CreateView):
    pass


class NetworkUpdateView(UniqueRaceMixin, VersionedUpdateMixin, NetworkFormMixin, UpdateView):
    pass


class RosterLineMixin(DirectoryEditorMixin):
    """Views of one membership of a network (a row of its roster)."""

    model = NetworkMembership

    def dispatch(self, request, *args, **kwargs):
        self.network = get_object_or_404(Network, pk=kwargs["network_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.network.memberships.all()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "network": self.network}

    def get_success_url(self):
        return self.network.get_absolute_url()


class MembershipFormMixin(RosterLineMixin):
    form_class = NetworkMembershipForm
    template_name = "networks/membership_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "network": self.network}


class MembershipCreateView(UniqueRaceMixin, MembershipFormMixin, CreateView):
    def get_initial(self):
        # A new member goes to the end of the roster.
        last = self.network.memberships.aggregate(last=Max("position"))["last"]
        return {"position": 0 if last is None else last + 1}

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Member added."))
        return response


class MembershipUpdateView(UniqueRaceMixin, VersionedUpdateMixin, MembershipFormMixin, UpdateView):
    success_message = gettext_lazy("Member saved.")


class MembershipDeleteView(RosterLineMixin, DeleteView):
    template_name = "networks/membership_confirm_delete.html"


class RosterExportView(DirectoryReaderMixin, View):
    formats = {
        "csv": ("text/csv; charset=utf-8", exports.roster_csv),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.roster_xlsx),
    }

    def get(self, request, pk, file_format):
        network = get_object_or_404(Network, pk=pk)
        if file_format not in (*self.formats, "pdf"):
            raise Http404
        if file_format == "pdf":
            content_type, content = "application/pdf", exports.roster_pdf(network, request.build_absolute_uri("/"))
        else:
            content_type, make = self.formats[file_format]
            content = make(network)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{exports.filename(network, file_format)}"'
        return response
