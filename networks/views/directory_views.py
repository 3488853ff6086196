from datetime import timedelta

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView
from django_filters.views import FilterView

from networks.constants import CHECK_INTERVAL_DAYS
from networks.filters import PartnerFilter
from networks.forms import ContactPersonForm, PartnerForm
from networks.hooks import partner_panels, report_contacts_changed
from networks.models import ContactPerson, NetworkMembership, Offer, Partner
from sozialraum.hooks import render_panels
from sozialraum.versioning import UniqueRaceMixin, VersionedUpdateMixin
from sozialraum.views import DirectoryEditorMixin, DirectoryReaderMixin, local_url


class PartnerListView(DirectoryReaderMixin, FilterView):
    filterset_class = PartnerFilter
    template_name = "networks/partner_list.html"
    context_object_name = "partners"
    paginate_by = 50

    def get_queryset(self):
        return (
            Partner.objects.select_related("municipality")
            .prefetch_related("districts__municipality")
            .annotate(contact_count=Count("contacts", distinct=True), offer_count=Count("offers", distinct=True))
            .order_by("name")
        )


class PartnerDetailView(DirectoryReaderMixin, DetailView):
    template_name = "networks/partner_detail.html"
    context_object_name = "partner"

    def get_queryset(self):
        return Partner.objects.select_related("municipality").prefetch_related(
            "districts__municipality",
            "localities",
            Prefetch("contacts", queryset=ContactPerson.objects.select_related("deputy")),
            Prefetch("network_memberships", queryset=NetworkMembership.objects.select_related("network")),
            "offers",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Blocks of higher apps (the cases app: district work with the partner, count of referrals).
        context["panels"] = render_panels(partner_panels, self.object, self.request)
        return context


class PartnerFormMixin(DirectoryEditorMixin):
    model = Partner
    form_class = PartnerForm
    template_name = "networks/partner_form.html"

    success_message = gettext_lazy("Partner saved.")

    def form_valid(self, form):
        response = super().form_valid(form)
        report_contacts_changed(self.object.contacts.values_list("pk", flat=True))  # (active or not)
        messages.success(self.request, self.success_message)
        return response


class PartnerCreateView(UniqueRaceMixin, PartnerFormMixin, CreateView):
    pass


class PartnerUpdateView(UniqueRaceMixin, VersionedUpdateMixin, PartnerFormMixin, UpdateView):
    pass


class ContactFormMixin(DirectoryEditorMixin):
    model = ContactPerson
    form_class = ContactPersonForm
    template_name = "networks/contact_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.partner = get_object_or_404(Partner, pk=kwargs["partner_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partner": self.partner}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "partner": self.partner}

    success_message = gettext_lazy("Contact person saved.")

    def form_valid(self, form):
        response = super().form_valid(form)
        report_contacts_changed([self.object.pk])
        messages.success(self.request, self.success_message)
        return response

    def get_success_url(self):
        return self.partner.get_absolute_url()


class ContactCreateView(UniqueRaceMixin, ContactFormMixin, CreateView):
    pass


class ContactUpdateView(UniqueRaceMixin, VersionedUpdateMixin, ContactFormMixin, UpdateView):
    def get_queryset(self):
        return self.partner.contacts.all()

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            if not isinstance(response, HttpResponseRedirect):
                # Refused (someone else changed the contact): the new deputy typed in is not kept either.
                transaction.set_rollback(True)
                return response
        report_contacts_changed([self.object.pk])
        return response


class UpkeepView(DirectoryReaderMixin, TemplateView):
    """Keeping the directory current: what has not been checked for a year, and network members without deputy."""

    template_name = "networks/upkeep.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cutoff = timezone.localdate() - timedelta(days=CHECK_INTERVAL_DAYS)
        stale = Q(last_checked_on__isnull=True) | Q(last_checked_on__lt=cutoff)
        context.update(
            cutoff=cutoff,
            stale_contacts=ContactPerson.objects.filter(stale)
            .select_related("partner")
            .order_by("partner__name")[:200],
            stale_offers=Offer.objects.filter(stale).select_related("partner").order_by("partner__name")[:200],
            without_deputy=NetworkMembership.objects.filter(deputy__isnull=True)
            .select_related("network", "partner", "representative")
            .order_by("network__name", "position")[:200],
        )
        return context


class MarkCheckedView(DirectoryEditorMixin, View):
    """ "Geprüft": the contact or offer is still right as of today."""

    models = {"contact": ContactPerson, "offer": Offer, "partner": Partner}

    def post(self, request, kind, pk):
        if kind not in self.models:
            return redirect("networks:upkeep")
        obj = get_object_or_404(self.models[kind], pk=pk)
        type(obj).objects.filter(pk=obj.pk).update(last_checked_on=timezone.localdate())
        if isinstance(obj, ContactPerson):
            report_contacts_changed([obj.pk])
        messages.success(request, _("Marked as checked today: %(name)s.") % {"name": obj})
        return redirect(local_url(request, request.POST.get("next", ""), reverse("networks:upkeep")))
