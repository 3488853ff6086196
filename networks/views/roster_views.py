"""Importing a network roster: upload → preview of every row and of every partner the file would
create (kind and district chosen, or a look-alike partner taken instead) → all rows in one go."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from networks.models import Network
from networks.roster_forms import NewPartnerForm, RosterImportForm
from networks.roster_import import (
    NewPartner,
    RosterFileError,
    RosterRow,
    check_row,
    import_roster,
    new_partners,
    read_roster,
)
from sozialraum.views import DirectoryEditorMixin

IMPORT_SESSION_KEY = "roster_import"


def partner_forms(network: Network, rows: list[RosterRow], data=None) -> list[NewPartnerForm]:
    """One form per new partner; beyond ROSTER_IMPORT_PARTNER_CHOICES new names (a file of a
    different kind than a roster) one form gives kind and district for all of them."""
    districts = list(network.districts.all()[:2])
    district = districts[0] if len(districts) == 1 else None  # a network of one district proposes it
    limit = settings.ROSTER_IMPORT_PARTNER_CHOICES
    new = new_partners(network.municipality_id, rows, look_alikes=len(rows) <= limit * 10)
    if len(new) > limit:
        everything = NewPartner(_("all %(count)s new partners") % {"count": len(new)})
        form = NewPartnerForm(data, new_partner=everything, municipality_id=network.municipality_id, district=district)
        form.covers = new
        return [form]
    forms = []
    for partner in new:
        form = NewPartnerForm(data, new_partner=partner, municipality_id=network.municipality_id, district=district)
        form.covers = [partner]
        forms.append(form)
    return forms


class RosterImportView(DirectoryEditorMixin, View):
    template_name = "networks/roster_import.html"

    def get(self, request, pk):
        network = get_object_or_404(Network, pk=pk)
        return render(request, self.template_name, {"network": network, "form": RosterImportForm()})

    def preview(self, request, network, rows, form=None, partner_choices=None):
        new_names = {partner.name for choice in partner_choices or [] for partner in choice.covers}
        context = {
            "network": network,
            "form": form or RosterImportForm(),
            "rows": rows,
            "error_count": sum(1 for row in rows if row.errors),
            "partner_forms": partner_choices or [],
            "new_names": new_names,
            "new_count": len(new_names),
        }
        return render(request, self.template_name, context)

    def post(self, request, pk):
        network = get_object_or_404(Network, pk=pk)
        if "confirm" in request.POST:
            return self.confirm(request, network)
        # A new upload replaces the checked one, also when the new file has errors.
        request.session.pop(IMPORT_SESSION_KEY, None)
        form = RosterImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"network": network, "form": form})
        upload = form.cleaned_data["file"]
        try:
            rows = read_roster(upload.name, upload.read())
        except RosterFileError as error:
            form.add_error("file", str(error))
            return render(request, self.template_name, {"network": network, "form": form})
        if any(row.errors for row in rows):
            return self.preview(request, network, rows, form)
        if rows:
            request.session[IMPORT_SESSION_KEY] = {
                "network": network.pk,
                "rows": [
                    [row.row_number, row.field_of_work, row.person, row.person_contact, row.deputy, row.deputy_contact]
                    for row in rows
                ],
            }
        return self.preview(request, network, rows, form, partner_forms(network, rows))

    def confirm(self, request, network):
        pending = request.session.get(IMPORT_SESSION_KEY)
        if not pending or pending["network"] != network.pk:
            messages.error(request, _("There is no checked file to import. Please upload it again."))
            return redirect("networks:roster_import", pk=network.pk)
        rows = [RosterRow(*values) for values in pending["rows"]]
        for row in rows:
            check_row(row)  # the rules may have changed since the preview (e.g. after an update)
        if any(row.errors for row in rows):
            request.session.pop(IMPORT_SESSION_KEY, None)
            messages.error(request, _("The checked file has errors now. Please upload it again."))
            return redirect("networks:roster_import", pk=network.pk)
        choices_forms = partner_forms(network, rows, request.POST)
        if not all(choice.is_valid() for choice in choices_forms):
            # The choices come back with their messages; the checked file stays for the next try.
            return self.preview(request, network, rows, partner_choices=choices_forms)
        choices = {partner.name: choice.choice() for choice in choices_forms for partner in choice.covers}
        count = import_roster(network, rows, choices)
        request.session.pop(IMPORT_SESSION_KEY, None)
        created = sum(1 for choice in choices.values() if not choice.existing)
        messages.success(
            request,
            _("%(count)s members imported, %(created)s new partners created.") % {"count": count, "created": created},
        )
        return redirect(network)
