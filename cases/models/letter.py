"""Letter templates, kept by the Administration role: a text with placeholders that a caseworker
fills from a case and prints (DIN 5008) or files with the case (cases.letters)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    CONSENT_FORM = "consent_form", _("Consent form (Schweigepflichtentbindung)")
    INVITATION = "invitation", _("Invitation to a meeting")
    HELP_PLAN = "help_plan", _("Help plan for signature")
    OTHER = "other", _("Other letter")


class LetterTemplate(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=LetterKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Placeholders in curly brackets, e.g. {name}, {anschrift}, {aktenzeichen}, {fachkraft}, {datum}; "
            "the list is below the field."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["name"]

    def __str__(self):
        return self.name
