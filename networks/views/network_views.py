from django.contrib import messages
from django.db.models import Count, Max, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from networks import exports
from networks.forms import NetworkForm, NetworkMembershipForm, RosterImportForm
from networks.models import Network, NetworkMembership
from networks.roster_import import RosterFileError, RosterRow, check_row, import_roster, read_roster
from sozialraum.versioning import UniqueRaceMixin, VersionedUpdateMixin
from sozialraum.views import DirectoryEditorMixin, DirectoryReaderMixin

IMPORT_SESSION_KEY = "roster_import"


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


class RosterImportView(DirectoryEditorMixin, View):
    """Upload → preview of every row with its errors → import all rows in one transaction."""

    template_name = "networks/roster_import.html"

    def get(self, request, pk):
        network = get_object_or_404(Network, pk=pk)
        return render(request, self.template_name, {"network": network, "form": RosterImportForm()})

    def post(self, request, pk):
        network = get_object_or_404(Network, pk=pk)
        if "confirm" in request.POST:
            return self.confirm(request, network)
        # A new upload replaces the checked one, also when the new file has errors.
        request.session.pop(IMPORT_SESSION_KEY, None)
        form = RosterImportForm(request.POST, request.FILES)
        context = {"network": network, "form": form}
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = read_roster(upload.name, upload.read())
            except RosterFileError as error:
                form.add_error("file", str(error))
            else:
                context["rows"] = rows
                context["error_count"] = sum(1 for row in rows if row.errors)
                if rows and not context["error_count"]:
                    request.session[IMPORT_SESSION_KEY] = {
                        "network": network.pk,
                        "rows": [
                            [
                                row.row_number,
                                row.field_of_work,
                                row.person,
                                row.person_contact,
                                row.deputy,
                                row.deputy_contact,
                            ]
                            for row in rows
                        ],
                    }
        return render(request, self.template_name, context)

    def confirm(self, request, network):
        pending = request.session.pop(IMPORT_SESSION_KEY, None)
        if not pending or pending["network"] != network.pk:
            messages.error(request, _("There is no checked file to import. Please upload it again."))
            return redirect("networks:roster_import", pk=network.pk)
        rows = [RosterRow(*values) for values in pending["rows"]]
        for row in rows:
            check_row(row)  # the rules may have changed since the preview (e.g. after an update)
        if any(row.errors for row in rows):
            messages.error(request, _("The checked file has errors now. Please upload it again."))
            return redirect("networks:roster_import", pk=network.pk)
        count = import_roster(network, rows)
        messages.success(request, _("%(count)s members imported.") % {"count": count})
        return redirect(network)
