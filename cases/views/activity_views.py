from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django_filters.views import FilterView

from cases import services
from cases.constants import CaseStatus
from cases.filters import ActivityFilter
from cases.forms import ActivityForm, case_picker_choices, own_open_cases
from cases.models import Activity, Case
from cases.queries import by_name_rank, filter_by_name
from sozialraum.pagination import keyset_page
from sozialraum.views import CaseWorkMixin, ids_from


class ActivityCreateView(CaseWorkMixin, View):
    """ "Tätigkeit erfassen": a full page, or the body of the quick dialog when htmx asks."""

    def template_name(self):
        return "cases/includes/activity_quick_form.html" if self.request.htmx else "cases/activity_form.html"

    def get(self, request):
        return render(request, self.template_name(), {"form": ActivityForm(user=request.user)})

    def post(self, request):
        form = ActivityForm(request.POST, user=request.user)
        if not form.is_valid():
            return render(request, self.template_name(), {"form": form})
        activity = services.log_activity(
            request.user,
            form.save(commit=False),
            related_cases=form.cleaned_data["related_cases"],
            partners=form.cleaned_data["partners"],
        )
        saved = _("Logged: %(activity)s.") % {"activity": activity}
        if request.htmx:
            # A fresh form for the next entry, with the confirmation above it.
            return render(
                request, self.template_name(), {"form": ActivityForm(user=request.user), "saved_message": saved}
            )
        messages.success(request, saved)
        return redirect("cases:activity_list")


class ActivityListView(CaseWorkMixin, FilterView):
    """My own work log."""

    filterset_class = ActivityFilter
    template_name = "cases/activity_list.html"
    context_object_name = "activities"
    page_size = 50

    def get_queryset(self):
        return (
            Activity.objects.filter(user=self.request.user)
            .select_related("district", "case")
            .prefetch_related("related_cases")
            .order_by("-date", "-id")
        )

    def get_context_data(self, **kwargs):
        # Keyset pages (sozialraum.pagination): a deep page costs what the first does.
        page = keyset_page(kwargs.pop("object_list", self.object_list), self.request.GET, self.page_size)
        return super().get_context_data(**kwargs, object_list=page.object_list, page=page)


class CaseOptionsView(CaseWorkMixin, View):
    """The options of a case select in the work form (htmx, POST: a searched name stays out of
    URLs and logs): the chosen cases, then up to 20 open cases whose reference or – for cases
    the user may read in full – whose person's name matches."""

    FOUND = 20
    FIELDS = {"case", "related_cases"}

    def post(self, request):
        field = request.POST.get("field", "")
        if field not in self.FIELDS:
            return HttpResponseBadRequest()
        term = request.POST.get(f"{field}_search", "").strip()[:100]
        chosen = ids_from(request.POST.getlist(field))
        found = self.search(request.user, term) if term else own_open_cases(request.user)
        choices = case_picker_choices(request.user, chosen, empty=field == "case", offered=found)
        nothing_found = bool(term) and not found
        return render(
            request,
            "cases/includes/case_options.html",
            {"choices": choices, "chosen": {str(pk) for pk in chosen}, "term": term, "nothing_found": nothing_found},
        )

    def search(self, user, term: str) -> list[tuple[int, str]]:
        """References containing the term first, then cases by a person's name (best first)."""
        visible = Case.objects.visible_to(user).filter(status=CaseStatus.OPEN)
        found = list(
            visible.filter(reference__icontains=term).order_by("reference").values_list("pk", "reference")[: self.FOUND]
        )
        if sum(character.isalpha() for character in term) >= 2:
            by_name = by_name_rank(filter_by_name(visible, term, user)).values_list("pk", "reference")[: self.FOUND]
            found += [match for match in by_name if match not in found]
        return found[: self.FOUND]
