"""Changes in the reports app: a report run is requested here, recorded and queued in one
transaction, and the request is written to the audit trail."""

from collections.abc import Iterable

from django.db import transaction

from districts.models import District, Municipality
from reports.models import ReportRun
from reports.period import Period
from reports.tasks import generate_report
from sozialraum import audit
from sozialraum.models import AuditAction
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
