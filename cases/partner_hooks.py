"""What the cases app adds to the directory's pages (registered in CasesConfig.ready): on a
partner's page the district work done with it (never case work) and only a count of
referrals; on an offer's page, for caseworkers, "refer one of my cases"."""

from django.db.models import Q

from cases.constants import CaseStatus, WorkKind
from cases.models import Activity, Case, Referral
from sozialraum.hooks import Panel
from sozialraum.roles import does_case_work


def partner_work_context(partner, request) -> dict:
    return {
        "district_work": Activity.objects.filter(partners=partner, kind=WorkKind.NON_CASE)
        .select_related("user", "district")
        .order_by("-date")[:20],
        "referral_count": Referral.objects.filter(partner=partner).count(),
    }


PARTNER_WORK_PANEL = Panel("cases/partner/work_panel.html", partner_work_context)


def refer_panel_context(offer, request) -> dict:
    """The user's open cases it may work on, to refer one of them to the offer."""
    if not does_case_work(request.user) or not offer.is_current():
        return {"offer": offer, "referable_cases": []}
    cases = (
        Case.objects.visible_to(request.user)
        .filter(Q(full_access=True), caseworker=request.user, status=CaseStatus.OPEN)
        .order_by("reference")
        .values_list("reference", flat=True)[:200]
    )
    return {"offer": offer, "referable_cases": list(cases)}


REFER_PANEL = Panel("cases/partner/refer_panel.html", refer_panel_context)
