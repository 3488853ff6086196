"""The places where offers happen: listed with their addresses and kept by the coordinators."""

from django.contrib import messages
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, ListView, UpdateView

from networks.forms import PlaceForm
from networks.models import Place
from sozialraum.versioning import UniqueRaceMixin, VersionedUpdateMixin
from sozialraum.views import DirectoryEditorMixin, DirectoryReaderMixin


class PlaceListView(DirectoryReaderMixin, ListView):
    template_name = "networks/place_list.html"
    context_object_name = "places"
    paginate_by = 50

    def get_queryset(self):
        return Place.objects.select_related("municipality").annotate(offer_count=Count("offers")).order_by("name")


class PlaceFormMixin(DirectoryEditorMixin):
    model = Place
    form_class = PlaceForm
    template_name = "networks/place_form.html"
    success_message = gettext_lazy("Place saved.")

    def get_success_url(self):
        return reverse("networks:place_list")


class PlaceCreateView(UniqueRaceMixin, PlaceFormMixin, CreateView):
    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, self.success_message)
        return response


class PlaceUpdateView(UniqueRaceMixin, VersionedUpdateMixin, PlaceFormMixin, UpdateView):
    pass
