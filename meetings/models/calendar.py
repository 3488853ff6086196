import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sozialraum.formats import format_date


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a user's private iCalendar feed address; deleting it revokes the address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token", verbose_name=_("user")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self):
        return f"{self.user} ({format_date(self.created_at)})"
