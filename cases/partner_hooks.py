"""What the cases app adds to the directory's pages (registered in CasesConfig.ready): on a
partner's page the district work done with it (never case work) and only a count of
referrals; on an offer's page, for caseworkers, "refer one of my cases"."""

from django.db.models import Q

from cases.constants import CaseStatus, WorkKind
from cases.follow_up_forms import FollowUpForm
from cases.models import Activity, Case, FollowUp, Referral
from sozialraum.hooks import Panel
from sozialraum.roles import FOLLOW_UP_ROLES, does_case_work, has_role


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


def follow_up_panel_context(partner, request) -> dict:
    """ "Wiedervorlage" on a partner, for case work and coordinators; the user's own open ones."""
    if not has_role(request.user, *FOLLOW_UP_ROLES):
        return {"partner": None}
    mine = FollowUp.objects.open().filter(partner=partner, owner=request.user).order_by("due_on")
    return {"partner": partner, "my_follow_ups": list(mine), "follow_up_form": FollowUpForm()}


FOLLOW_UP_PANEL = Panel("cases/partner/follow_up_panel.html", follow_up_panel_context)
