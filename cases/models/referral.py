"""Referrals (Vermittlungen): a case sent to a partner's offer."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import ReferralStatus
from cases.models.case import Case
from networks.models import Offer, Partner
from sozialraum.validators import plausible_date


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("case"))
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("partner"))
    offer = models.ForeignKey(
        Offer, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals", verbose_name=_("offer")
    )
    date = models.DateField(_("date"), default=timezone.localdate, validators=[plausible_date])
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    hands_over_personal_data = models.BooleanField(
        _("personal data go to the partner"),
        default=True,
        help_text=_("Needs an active consent that names the partner or its kind."),
    )
    outcome = models.TextField(_("outcome"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["partner", "status"], name="referral_partner_status")]

    def __str__(self):
        return f"{self.case} → {self.target}"

    @property
    def target(self) -> str:
        """What the case was referred to: the offer if there is one, else the partner."""
        return self.offer.title if self.offer_id else self.partner.name
