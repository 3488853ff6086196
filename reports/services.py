"""Changes in the reports app: a report run is requested here, recorded and queued in one
transaction, and the request is written to the audit trail."""

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from districts.models import District, Municipality
from reports.models import ReportPreview, ReportRun, RunStatus
from reports.tasks import compute_preview, generate_report
from sozialraum import audit
from sozialraum.models import AuditAction
from sozialraum.periods import Period
from sozialraum.types import Staff


@transaction.atomic
def request_report(
    user: Staff,
    municipality: Municipality,
    districts: Iterable[District],
    period: Period,
    sections: list[str],
    parameters: dict,
) -> ReportRun:
    """Record the run and hand it to the worker once the transaction has committed."""
    run = ReportRun.objects.create(
        created_by=user,
        municipality=municipality,
        start=period.start,
        end=period.end,
        sections=sections,
        parameters=parameters,
    )
    run.districts.set(districts)
    audit.log(user, AuditAction.CREATE, run, details={"start": period.start.isoformat(), "end": period.end.isoformat()})
    transaction.on_commit(lambda: generate_report.enqueue(run.pk))
    return run


PREVIEWS_KEPT = timedelta(days=1)


@transaction.atomic
def request_preview(
    user: Staff,
    municipality: Municipality,
    districts: Iterable[District],
    period: Period,
    sections: list[str],
    form_values: dict,
) -> ReportPreview:
    """Record the preview and hand it to the worker; previews older than a day go (a preview is
    looked at, not kept: what the committee saw is a report run)."""
    ReportPreview.objects.filter(requested_at__lt=timezone.now() - PREVIEWS_KEPT).delete()
    preview = ReportPreview.objects.create(
        requested_by=user,
        municipality=municipality,
        district_ids=[district.pk for district in districts],
        start=period.start,
        end=period.end,
        sections=sections,
        form_values=form_values,
    )
    transaction.on_commit(lambda: compute_preview.enqueue(str(preview.pk)))
    return preview


def fail_stale_runs() -> int:
    """Runs whose worker stopped giving signs of life (killed, machine gone) are failed with a
    reason the page shows; they can be started again."""
    limit = timezone.now() - timedelta(seconds=settings.REPORT_STALE_SECONDS)
    stale = ReportRun.objects.filter(status=RunStatus.RUNNING).filter(
        Q(heartbeat_at__lt=limit) | Q(heartbeat_at__isnull=True, created_at__lt=limit)
    )
    return stale.update(
        status=RunStatus.FAILED,
        finished_at=timezone.now(),
        error=_(
            "The worker stopped while creating this report (no sign of life for %(seconds)s seconds). "
            "Start it again; the figures are computed anew."
        )
        % {"seconds": settings.REPORT_STALE_SECONDS},
    )


def file_missing(run: ReportRun) -> None:
    """A stored file that is gone (a restore without the report files) fails the run."""
    ReportRun.objects.filter(pk=run.pk).update(
        status=RunStatus.FAILED,
        error=_("The report file is missing from the storage (e.g. after restoring a backup). Start it again."),
    )


@transaction.atomic
def restart_run(user: Staff, run: ReportRun) -> ReportRun:
    """A failed run is queued again with the same parameters (once, however often it is clicked)."""
    restarted = ReportRun.objects.filter(pk=run.pk, status=RunStatus.FAILED).update(
        status=RunStatus.QUEUED,
        error="",
        finished_at=None,
        heartbeat_at=None,
        pdf="",
        xlsx="",
        pdf_sha256="",
        xlsx_sha256="",
    )
    if restarted:
        audit.log(user, AuditAction.UPDATE, run, changed_fields=["status"], details={"restarted": True})
        transaction.on_commit(lambda: generate_report.enqueue(run.pk))
    run.refresh_from_db()
    return run
