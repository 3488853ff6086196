"""Files on a meeting (a presentation, a flyer, a partner's report): like a case's documents,
checked by content and served only to those who see the meeting (meetings.views.attachment_views)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.attachment import stored_name
from meetings.models.meeting import Meeting


class MeetingAttachment(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=200)
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
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.title
