"""Social planning's start page: the latest report runs and this year's report a click away."""

from django.utils import timezone

from reports.models import ReportRun


def latest_runs_context(request) -> dict:
    runs = ReportRun.objects.select_related("municipality").order_by("-created_at")[:5]
    return {"runs": runs, "this_year": timezone.localdate().year}
