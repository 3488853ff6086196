"""Zuständigkeitswechsel: a case handed to another team (the client moved to another district).
The receiving team's lead accepts or declines; until then the sending side stays responsible."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models.case import Case
from districts.models import Team


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("waiting for the receiving team")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    CANCELLED = "cancelled", _("withdrawn")


class CaseTransfer(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers", verbose_name=_("case"))
    from_team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("from team"))
    to_team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="incoming_transfers", verbose_name=_("to team")
    )
    reason = models.CharField(_("reason"), max_length=300, help_text=_("e.g. the person moved to Ulm-Wiblingen"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("case transfer")
        verbose_name_plural = _("case transfers")
        ordering = ["-requested_at"]
        constraints = [
            # One open transfer per case: a second request waits until the first is decided.
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="pending"), name="casetransfer_one_pending_per_case"
            ),
            models.CheckConstraint(condition=~Q(from_team=models.F("to_team")), name="casetransfer_to_another_team"),
        ]

    def __str__(self):
        return f"{self.case} → {self.to_team}"
