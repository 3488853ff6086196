"""Referrals to partners' offers, and offers that fit a case."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View

from cases import services
from cases.access import visible_case
from cases.constants import ConsentScope
from cases.forms import ReferralForm, ReferralStatusForm
from networks.models import Offer
from sozialraum.versioning import EditConflict, conflict_form
from sozialraum.views import CaseWorkMixin


class ReferralCreateView(CaseWorkMixin, View):
    template_name = "cases/referral_form.html"

    def get(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        # Coming back from recording the missing consent, the referral is filled in as it was.
        initial = {
            name: request.GET[name] for name in ("offer", "partner", "hands_over_personal_data") if name in request.GET
        }
        form = ReferralForm(case=case, initial=initial)
        return render(request, self.template_name, {"case": case, "form": form, "consent_url": ""})

    def post(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        form = ReferralForm(request.POST, case=case)
        if form.is_valid():
            referral = form.save(commit=False)
            referral.case = case
            referral.partner = form.cleaned_data["partner"]
            try:
                services.refer(request.user, referral)
            except services.MissingConsent as missing:
                form.add_error(None, str(missing))
                consent_url = self.consent_url(case, referral)
                return render(request, self.template_name, {"case": case, "form": form, "consent_url": consent_url})
            else:
                messages.success(request, _("Referral to %(partner)s recorded.") % {"partner": referral.partner})
                return redirect(case)
        return render(request, self.template_name, {"case": case, "form": form, "consent_url": ""})

    @staticmethod
    def consent_url(case, referral) -> str:
        """Where to record the missing consent: the partner chosen, and back to this referral after."""
        back = {"partner": referral.partner_id, "hands_over_personal_data": "1"}
        if referral.offer_id:
            back["offer"] = referral.offer_id
        purpose = _("Referral to %(what)s") % {
            "what": referral.offer.title if referral.offer_id else referral.partner.name
        }
        query = {
            "scope": ConsentScope.PARTNER,
            "partner": referral.partner_id,
            "purpose": purpose,
            "next": f"{reverse('cases:referral_add', args=[case.reference])}?{urlencode(back)}",
        }
        return f"{reverse('cases:consent_add', args=[case.reference])}?{urlencode(query)}"


class ReferralUpdateView(CaseWorkMixin, View):
    template_name = "cases/referral_status_form.html"

    def get_referral(self, request, reference, referral_id):
        case = visible_case(request.user, reference, editable=True)
        return case, get_object_or_404(case.referrals.select_related("partner", "offer"), pk=referral_id)

    def get(self, request, reference, referral_id):
        case, referral = self.get_referral(request, reference, referral_id)
        return render(
            request,
            self.template_name,
            {"case": case, "referral": referral, "form": ReferralStatusForm(instance=referral, case=case)},
        )

    def post(self, request, reference, referral_id):
        case, referral = self.get_referral(request, reference, referral_id)
        form = ReferralStatusForm(request.POST, instance=referral, case=case)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_referral(request.user, referral, data["status"], data["outcome"], data["version"])
            except services.InvalidTransition as refused:
                form.add_error("status", str(refused))
            except EditConflict as conflict:
                form = conflict_form(ReferralStatusForm, request.POST, conflict, instance=referral, case=case)
            else:
                messages.success(request, _("Referral saved."))
                return redirect(case)
        return render(request, self.template_name, {"case": case, "referral": referral, "form": form})


class OfferAsResourceView(CaseWorkMixin, View):
    def post(self, request, reference, offer_id):
        case = visible_case(request.user, reference, editable=True)
        offer = get_object_or_404(Offer.objects.select_related("partner"), pk=offer_id)
        services.offer_as_resource(request.user, case, offer)
        messages.success(request, _("“%(offer)s” added as a resource of the case.") % {"offer": offer.title})
        return redirect(case)


class ReferralForOfferView(CaseWorkMixin, View):
    """From an offer's page: go to the referral form of the chosen case, the offer filled in."""

    def get(self, request, offer_id):
        offer = get_object_or_404(Offer.objects.current(), pk=offer_id)
        case = visible_case(request.user, request.GET.get("case", ""), editable=True)
        return redirect(f"{reverse('cases:referral_add', args=[case.reference])}?offer={offer.pk}")
