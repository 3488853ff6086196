"""Documents on a case (a signed consent, a notice, a report, a letter): stored through Django's
storage API under a random name, served only through a view that checks access (cases.attachments)."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models.case import Case
from cases.models.plan import Consent
from cases.models.referral import Referral
from sozialraum.validators import plausible_date


class AttachmentKind(models.TextChoices):
    CONSENT = "consent", _("Consent")
    NOTICE = "notice", _("Notice (Bescheid)")
    REPORT = "report", _("Report")
    CORRESPONDENCE = "correspondence", _("Correspondence")
    LETTER = "letter", _("Letter")
    OTHER = "other", _("Other")


def stored_name(attachment: "Attachment", filename: str) -> str:
    """A random name in a folder per month: the original name (which may hold a person's name)
    never reaches the storage."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"dokumente/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("case"))
    consent = models.ForeignKey(
        Consent, on_delete=models.SET_NULL, null=True, blank=True, related_name="attachments", verbose_name=_("consent")
    )
    referral = models.ForeignKey(
        Referral,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("referral"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=AttachmentKind.choices)
    document_date = models.DateField(_("date of the document"), validators=[plausible_date])
    file = models.FileField(_("file"), upload_to=stored_name, max_length=200)
    original_name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-document_date", "-id"]

    def __str__(self):
        return self.title
