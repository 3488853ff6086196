import logging
import threading
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone
from django_tasks import task

from districts.models import District
from reports.models import ReportPreview, ReportRun, RunStatus, sha256_of
from reports.rendering import build_report, render_html, render_pdf, render_xlsx

logger = logging.getLogger(__name__)


@contextmanager
def heartbeat(run_id: int):
    """A sign of life every few seconds while the run is worked on: a run whose worker was
    killed stops beating and is marked failed (reports.services.fail_stale_runs)."""
    done = threading.Event()

    def beat():
        try:
            while not done.wait(settings.REPORT_HEARTBEAT_SECONDS):
                ReportRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(heartbeat_at=timezone.now())
        finally:
            connection.close()  # the thread's own connection

    beater = threading.Thread(target=beat, name=f"heartbeat-{run_id}", daemon=True)
    beater.start()
    try:
        yield
    finally:
        done.set()
        beater.join()


@task()
def generate_report(run_id: int) -> None:
    """Runs in a worker (`manage.py report_worker`): figures, PDF, XLSX, their SHA-256."""
    started = ReportRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, heartbeat_at=timezone.now()
    )
    if not started:
        return  # failed meanwhile, or started again under a new task
    run = ReportRun.objects.select_related("municipality").get(pk=run_id)
    began = time.perf_counter()
    try:
        with heartbeat(run_id):
            context = build_report(run.municipality, run.districts.order_by("name"), run.period, run.sections)
            context["run"] = run
            pdf = render_pdf(context)
            xlsx = render_xlsx(context, pdf_sha256=sha256_of(pdf))
        name = f"sozialausschuss-{run.municipality.slug}-{run.start:%Y%m%d}-{run.end:%Y%m%d}-{run.pk}"
        run.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
        run.xlsx.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
        ReportRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
            pdf=run.pdf.name,
            xlsx=run.xlsx.name,
            pdf_sha256=sha256_of(pdf),
            xlsx_sha256=sha256_of(xlsx),
            status=RunStatus.DONE,
            finished_at=timezone.now(),
        )
    except Exception as error:  # the page must say why, whatever went wrong
        logger.exception("Report run %s failed", run_id, extra=task_fields(run_id, "failed", began))
        ReportRun.objects.filter(pk=run_id).update(
            status=RunStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
    else:
        logger.info("Report run %s done", run_id, extra=task_fields(run_id, "done", began))


@task()
def compute_preview(preview_id: str) -> None:
    """Runs in a worker: the figures of the preview and their HTML, kept for the page that polls."""
    started = ReportPreview.objects.filter(pk=preview_id, status=RunStatus.QUEUED).update(status=RunStatus.RUNNING)
    if not started:
        return  # deleted meanwhile (older than a day), or taken by another worker
    preview = ReportPreview.objects.select_related("municipality").get(pk=preview_id)
    began = time.perf_counter()
    try:
        districts = District.objects.filter(pk__in=preview.district_ids).order_by("name")
        report = build_report(preview.municipality, districts, preview.period, preview.sections)
        ReportPreview.objects.filter(pk=preview_id).update(
            html=render_html(report), status=RunStatus.DONE, finished_at=timezone.now()
        )
    except Exception as error:  # the page must say why, whatever went wrong
        logger.exception("Report preview failed", extra=task_fields(preview_id, "failed", began, "compute_preview"))
        ReportPreview.objects.filter(pk=preview_id).update(
            status=RunStatus.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
    else:
        logger.info("Report preview done", extra=task_fields(preview_id, "done", began, "compute_preview"))


def task_fields(run_id: int | str, outcome: str, began: float, name: str = "generate_report") -> dict:
    """The task's line in the JSON log (sozialraum.logs): figures only, no content."""
    return {
        "task": name,
        "run_id": run_id,
        "outcome": outcome,
        "duration_ms": round((time.perf_counter() - began) * 1000, 1),
    }
