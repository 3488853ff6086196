from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from networks.filters import OfferFilter
from networks.forms import OfferForm, SearchSynonymsForm
from networks.hooks import offer_panels
from networks.models import Offer, SearchSynonym
from networks.search import replace_synonyms
from sozialraum.hooks import render_panels
from sozialraum.versioning import UniqueRaceMixin, VersionedUpdateMixin
from sozialraum.views import DirectoryEditorMixin, DirectoryReaderMixin


class OfferListView(DirectoryReaderMixin, FilterView):
    filterset_class = OfferFilter
    template_name = "networks/offer_list.html"
    context_object_name = "offers"
    paginate_by = 25

    def get_queryset(self):
        return (
            Offer.objects.current()
            .select_related("partner", "place")
            .prefetch_related("districts__municipality")
            .order_by("title")
        )


class OfferDetailView(DirectoryReaderMixin, DetailView):
    template_name = "networks/offer_detail.html"
    context_object_name = "offer"

    def get_queryset(self):
        return Offer.objects.select_related("partner", "place", "contact_person").prefetch_related(
            "districts__municipality", "localities"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Blocks of higher apps (the cases app: refer one of my cases to this offer).
        context["panels"] = render_panels(offer_panels, self.object, self.request)
        return context


class OfferFormMixin(DirectoryEditorMixin):
    model = Offer
    form_class = OfferForm
    template_name = "networks/offer_form.html"

    success_message = gettext_lazy("Offer saved.")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, self.success_message)
        return response


class OfferCreateView(UniqueRaceMixin, OfferFormMixin, CreateView):
    def get_initial(self):
        return {"partner": self.request.GET.get("partner"), "last_checked_on": timezone.localdate()}


class OfferUpdateView(UniqueRaceMixin, VersionedUpdateMixin, OfferFormMixin, UpdateView):
    pass


class SearchSynonymsView(DirectoryEditorMixin, View):
    """The coordinators' synonyms for the offer search, edited as one text."""

    template_name = "networks/search_synonyms.html"

    def get(self, request):
        text = "\n".join(", ".join(group.terms) for group in SearchSynonym.objects.all())
        return render(request, self.template_name, {"form": SearchSynonymsForm(initial={"groups": text})})

    def post(self, request):
        form = SearchSynonymsForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        replace_synonyms(form.cleaned_data["groups"])
        messages.success(request, _("Synonyms saved."))
        return redirect("networks:search_synonyms")
