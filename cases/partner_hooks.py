"""What the cases app adds to a partner's page (registered in CasesConfig.ready): the district
work done with the partner (never case work) and only a count of referrals."""

from cases.constants import WorkKind
from cases.models import Activity, Referral
from networks.hooks import PartnerPanel


def partner_work_context(partner, request) -> dict:
    return {
        "district_work": Activity.objects.filter(partners=partner, kind=WorkKind.NON_CASE)
        .select_related("user", "district")
        .order_by("-date")[:20],
        "referral_count": Referral.objects.filter(partner=partner).count(),
    }


PARTNER_WORK_PANEL = PartnerPanel("cases/partner/work_panel.html", partner_work_context)
