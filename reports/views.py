from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from reports import services
from reports.forms import ReportForm
from reports.models import ReportPreview, ReportRun, RunStatus
from reports.rendering import build_report, render_csv
from sozialraum.views import ReportMixin


def parameters_of(form) -> dict:
    data = form.cleaned_data
    return {
        "period_kind": data["period_kind"],
        "year": data.get("year"),
        "part": data.get("part"),
        "start": data["period"].start.isoformat(),
        "end": data["period"].end.isoformat(),
        "districts": [district.name for district in data["district_list"]],
        "sections": data["sections"],
    }


def form_values(form) -> dict:
    """The form's choices as its initial values: the preview's page shows them filled in again."""
    data = form.cleaned_data
    return {
        "municipality": data["municipality"].pk,
        "districts": [district.pk for district in data["districts"]],
        "period_kind": data["period_kind"],
        "year": data.get("year"),
        "part": data.get("part") or "",
        "start": data["start"].isoformat() if data.get("start") else "",
        "end": data["end"].isoformat() if data.get("end") else "",
        "sections": data["sections"],
    }


class ReportView(ReportMixin, View):
    """Choose municipality, districts, period and sections; preview and generate, both in the
    background (the report worker), so no web worker waits for the figures."""

    template_name = "reports/report_form.html"

    def get(self, request):
        # "Build the report for 2026" on the start page comes with the period filled in.
        initial = {name: request.GET[name] for name in ("period_kind", "year") if name in request.GET}
        return render(request, self.template_name, {"form": ReportForm(initial=initial)})

    def post(self, request):
        form = ReportForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        data = form.cleaned_data
        if request.POST.get("action") == "generate":
            run = services.request_report(
                request.user,
                data["municipality"],
                data["district_list"],
                data["period"],
                data["sections"],
                parameters_of(form),
            )
            messages.success(request, _("The report is being generated. You can leave this page."))
            return redirect(run)
        preview = services.request_preview(
            request.user,
            data["municipality"],
            data["district_list"],
            data["period"],
            data["sections"],
            form_values(form),
        )
        return redirect(preview)


class PreviewView(ReportMixin, View):
    """The preview its planner asked for, filled-in form above it; polled (htmx) until done."""

    def get(self, request, pk):
        preview = get_object_or_404(ReportPreview, pk=pk, requested_by=request.user)
        if request.htmx:
            return render(request, "reports/includes/preview.html", {"preview": preview})
        form = ReportForm(initial=preview.form_values)
        return render(request, ReportView.template_name, {"form": form, "preview": preview})


class RunListView(ReportMixin, ListView):
    template_name = "reports/run_list.html"
    context_object_name = "runs"
    paginate_by = 25

    def get_queryset(self):
        services.fail_stale_runs()
        return ReportRun.objects.select_related("municipality", "created_by").order_by("-created_at")


class RunDetailView(ReportMixin, View):
    def get(self, request, pk):
        services.fail_stale_runs()
        run = get_object_or_404(ReportRun.objects.select_related("municipality", "created_by"), pk=pk)
        template = "reports/includes/run_status.html" if request.htmx else "reports/run_detail.html"
        return render(
            request,
            template,
            {
                "run": run,
                "districts": run.districts.order_by("name"),
            },
        )


class RunFileView(ReportMixin, View):
    def get(self, request, pk, file_format):
        run = get_object_or_404(ReportRun.objects.select_related("municipality"), pk=pk, status=RunStatus.DONE)
        field = {"pdf": run.pdf, "xlsx": run.xlsx}.get(file_format)
        if not field:
            raise Http404
        name = f"sozialausschuss-{run.municipality.slug}-{run.start:%Y%m%d}-{run.end:%Y%m%d}-{run.pk}.{file_format}"
        try:
            stored = field.open("rb")
        except FileNotFoundError:
            services.file_missing(run)
            return redirect(run)
        return FileResponse(stored, as_attachment=True, filename=name)


class RunRestartView(ReportMixin, View):
    def post(self, request, pk):
        run = services.restart_run(request.user, get_object_or_404(ReportRun, pk=pk))
        if run.status == RunStatus.QUEUED:
            messages.success(request, _("The report is being generated again."))
        return redirect(run)


class TableCsvView(ReportMixin, View):
    """One table of a run as CSV, computed from the run's parameters."""

    def get(self, request, pk, key):
        run = get_object_or_404(ReportRun.objects.select_related("municipality"), pk=pk)
        report = build_report(run.municipality, run.districts.order_by("name"), run.period, run.sections)
        table = next((table for section in report["sections"] for table in section.tables if table.key == key), None)
        if table is None:
            raise Http404
        response = HttpResponse(render_csv(table, report["threshold"]), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{key}-{run.start:%Y%m%d}-{run.end:%Y%m%d}.csv"'
        return response
