import hashlib
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from districts.models import District, Municipality
from sozialraum.periods import Period
from sozialraum.validators import plausible_date


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class OfAPeriod:
    """What report runs and previews share: a municipality's period, worked on by the worker."""

    @property
    def period(self) -> Period:
        return Period(self.start, self.end)

    @property
    def busy(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)

    def __str__(self):
        return f"{self.municipality} {self.period.label}"


class ReportRun(OfAPeriod, models.Model):
    """One generated committee report, kept so the same file can be fetched again and it is
    clear which figures the committee saw."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    districts = models.ManyToManyField(District, related_name="+", verbose_name=_("districts"))
    start = models.DateField(_("from"), validators=[plausible_date])
    end = models.DateField(_("until"), validators=[plausible_date])
    sections = models.JSONField(_("sections"), default=list)
    parameters = models.JSONField(_("parameters"), default=dict, help_text=_("As chosen in the form, for the record."))
    status = models.CharField(_("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    error = models.TextField(_("reason"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="reports/%Y/", blank=True)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    xlsx = models.FileField(_("XLSX"), upload_to="reports/%Y/", blank=True)
    xlsx_sha256 = models.CharField(_("SHA-256 of the XLSX"), max_length=64, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Written every few seconds by the worker while it runs; a run without it is stale.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    class Meta:
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="reportrun_end_not_before_start"
            )
        ]

    def get_absolute_url(self):
        return reverse("reports:run_detail", args=[self.pk])


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class ReportPreview(OfAPeriod, models.Model):
    """A preview of the committee report, computed by the report worker like the PDF: the
    figures of a year at city scale take a second of database and Python, which no web worker
    should wait out. Kept a day for the page that shows it, then deleted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True, db_index=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    # The districts reported on: those chosen, or all of the municipality's when none was.
    district_ids = ArrayField(models.PositiveIntegerField())
    start = models.DateField()
    end = models.DateField()
    sections = models.JSONField(default=list)
    # What the form held, to show it filled in again beside the preview.
    form_values = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    html = models.TextField(blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="reportpreview_end_not_before_start"
            )
        ]

    def get_absolute_url(self):
        return reverse("reports:preview", args=[self.pk])

    @property
    def poll_delay(self) -> str:
        """How soon the page asks again: at once while the figures of a small town may be there,
        then every second."""
        return "250ms" if timezone.now() - self.requested_at < timedelta(seconds=3) else "1s"

    @property
    def stalled(self) -> bool:
        """Not done long after it was asked for: no worker runs, or the one that took it died."""
        limit = timezone.now() - timedelta(seconds=settings.REPORT_STALE_SECONDS)
        return self.busy and self.requested_at < limit
