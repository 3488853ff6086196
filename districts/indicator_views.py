"""Social planning's pages for the indicators: the values per municipality, a new value, an import."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from districts.indicator_upkeep import (
    COLUMNS,
    ImportRow,
    IndicatorValueForm,
    check_row,
    import_values,
    lookups,
    read_indicator_file,
    save_value,
)
from districts.models import IndicatorValue, Municipality
from sozialraum.formats import format_number
from sozialraum.table_files import TableFileError
from sozialraum.views import ReportMixin

SESSION_KEY = "indicator_import"


class IndicatorValueListView(ReportMixin, View):
    template_name = "districts/indicator_values.html"

    def get(self, request):
        municipalities = Municipality.objects.order_by("name")
        chosen = request.GET.get("kommune", "")
        municipality = municipalities.filter(slug=chosen).first() or municipalities.first()
        values = (
            IndicatorValue.objects.filter(municipality=municipality)
            .select_related("indicator", "district")
            .order_by("indicator__position", "district__name", "-reference_year")[:500]
        )
        return render(
            request,
            self.template_name,
            {"municipalities": municipalities, "municipality": municipality, "values": values},
        )


class IndicatorValueCreateView(ReportMixin, View):
    template_name = "districts/indicator_value_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": IndicatorValueForm()})

    def post(self, request):
        form = IndicatorValueForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                value, before = save_value(request.user, form.cleaned_data)
            if before is None:
                messages.success(request, _("Value saved."))
            else:
                messages.success(
                    request,
                    _("The value for %(year)s was replaced (before: %(before)s).")
                    % {"year": value.reference_year, "before": format_number(before, 2)},
                )
            return redirect(f"{redirect('districts:indicator_values').url}?kommune={value.municipality.slug}")
        return render(request, self.template_name, {"form": form})


class IndicatorImportForm(forms.Form):
    municipality = forms.ModelChoiceField(label=gettext_lazy("municipality"), queryset=Municipality.objects.all())
    file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=gettext_lazy(
            "Columns: Sozialraum, Kennzahl, Stichtag, Wert, Quelle. An empty Sozialraum or “gesamt” is the whole town."
        ),
    )


class IndicatorImportView(ReportMixin, View):
    template_name = "districts/indicator_import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": IndicatorImportForm(), "columns": COLUMNS})

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        request.session.pop(SESSION_KEY, None)
        form = IndicatorImportForm(request.POST, request.FILES)
        context = {"form": form, "columns": COLUMNS}
        if form.is_valid():
            municipality, upload = form.cleaned_data["municipality"], form.cleaned_data["file"]
            try:
                rows = read_indicator_file(upload.name, upload.read(), municipality)
            except TableFileError as error:
                form.add_error("file", str(error))
            else:
                context.update(rows=rows, error_count=sum(1 for row in rows if row.errors))
                if rows and not context["error_count"]:
                    request.session[SESSION_KEY] = {
                        "municipality": municipality.pk,
                        "rows": [[row.row_number, row.cells] for row in rows],
                    }
        return render(request, self.template_name, context)

    def confirm(self, request):
        pending = request.session.pop(SESSION_KEY, None)
        if not pending:
            messages.error(request, _("There is no checked file to import. Please upload it again."))
            return redirect("districts:indicator_import")
        municipality = get_object_or_404(Municipality, pk=pending["municipality"])
        districts, indicators = lookups(municipality)
        rows = [ImportRow(number, cells) for number, cells in pending["rows"]]
        for row in rows:
            check_row(row, municipality, districts, indicators)
        if any(row.errors for row in rows):
            messages.error(request, _("The checked file has errors now. Please upload it again."))
            return redirect("districts:indicator_import")
        count = import_values(request.user, rows)
        messages.success(request, _("%(count)s values imported.") % {"count": count})
        return redirect(f"{redirect('districts:indicator_values').url}?kommune={municipality.slug}")
