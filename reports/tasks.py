import logging

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from reports.models import ReportRun, RunStatus, sha256_of
from reports.period import Period
from reports.rendering import build_report, render_pdf, render_xlsx

logger = logging.getLogger(__name__)


@task()
def generate_report(run_id: int) -> None:
    """Runs in a worker (`manage.py db_worker`): figures, PDF, XLSX, their SHA-256."""
    run = ReportRun.objects.select_related("municipality").get(pk=run_id)
    ReportRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    try:
        context = build_report(
            run.municipality, run.districts.order_by("name"), Period(run.start, run.end), run.sections
        )
        context["run"] = run
        pdf = render_pdf(context)
        xlsx = render_xlsx(context, pdf_sha256=sha256_of(pdf))
        name = f"sozialausschuss-{run.municipality.slug}-{run.start:%Y%m%d}-{run.end:%Y%m%d}-{run.pk}"
        run.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        run.xlsx.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
        run.pdf_sha256, run.xlsx_sha256 = sha256_of(pdf), sha256_of(xlsx)
        run.status, run.finished_at = RunStatus.DONE, timezone.now()
        run.save(update_fields=["pdf", "xlsx", "pdf_sha256", "xlsx_sha256", "status", "finished_at"])
    except Exception as error:  # the page must say why, whatever went wrong
        logger.exception("Report run %s failed", run_id)
        ReportRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
