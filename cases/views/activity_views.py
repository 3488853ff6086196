from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django_filters.views import FilterView

from cases import services
from cases.activity_forms import ActivityForm, case_picker_choices, own_open_cases
from cases.constants import CaseStatus, WorkKind
from cases.filters import ActivityFilter
from cases.models import Activity, Case
from cases.queries import by_name_rank, filter_by_name
from cases.work_log_export import work_log_xlsx
from sozialraum.pagination import keyset_page
from sozialraum.roles import WORK_LOG_ROLES, does_case_work
from sozialraum.versioning import EditConflict, conflict_form
from sozialraum.views import CaseWorkMixin, RoleRequiredMixin, ids_from


class WorkLogMixin(RoleRequiredMixin):
    """The work log: case work, and network coordination for its own district work."""

    roles = WORK_LOG_ROLES


class ActivityCreateView(WorkLogMixin, View):
    """ "Tätigkeit erfassen": a full page, or the body of the quick dialog when htmx asks.
    Opened from a case page (?fall=REFERENCE) the case is chosen already."""

    def template_name(self):
        return "cases/includes/activity_quick_form.html" if self.request.htmx else "cases/activity_form.html"

    def initial(self) -> dict:
        reference = self.request.GET.get("fall", "")
        if not reference or not does_case_work(self.request.user):
            return {}
        case = Case.objects.visible_to(self.request.user).filter(reference=reference, status=CaseStatus.OPEN).first()
        return {"case": case.pk, "kind": WorkKind.CASE_SPECIFIC} if case else {}

    def get(self, request):
        return render(request, self.template_name(), {"form": ActivityForm(user=request.user, initial=self.initial())})

    def post(self, request):
        form = ActivityForm(request.POST, user=request.user)
        if not form.is_valid():
            return render(request, self.template_name(), {"form": form})
        activity = services.log_activity(
            request.user,
            form.save(commit=False),
            related_cases=form.cleaned_data.get("related_cases") or [],
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


class OwnActivityMixin(WorkLogMixin):
    def own_activity(self, pk) -> Activity:
        """Only the user's own entries: another's is not found."""
        return get_object_or_404(Activity, pk=pk, user=self.request.user)


class ActivityCorrectView(OwnActivityMixin, View):
    """Correct an own entry of the current or previous month(s), version-checked and audited."""

    template_name = "cases/activity_correct.html"

    def get(self, request, pk):
        activity = self.own_activity(pk)
        return self.show(activity, ActivityForm(instance=activity, user=request.user))

    def show(self, activity, form, refusal=""):
        return render(
            request=self.request,
            template_name=self.template_name,
            context={
                "activity": activity,
                "form": form,
                "refusal": refusal or self.refusal(activity),
            },
        )

    def refusal(self, activity) -> str:
        try:
            services.ensure_correctable(self.request.user, activity)
        except services.NotCorrectable as refused:
            return str(refused)
        return ""

    def post(self, request, pk):
        activity = self.own_activity(pk)
        form = ActivityForm(request.POST, instance=Activity.objects.get(pk=activity.pk), user=request.user)
        if not form.is_valid():
            return self.show(activity, form)
        values = {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}
        for name in ("related_cases", "partners"):
            if name in values:
                values[name] = list(values[name] or [])
        try:
            services.correct_activity(request.user, activity, values, form.cleaned_data["version"])
        except services.NotCorrectable as refused:
            return self.show(activity, form, str(refused))
        except EditConflict as conflict:
            form = conflict_form(ActivityForm, request.POST, conflict, instance=activity, user=request.user)
            return self.show(activity, form)
        messages.success(request, _("Entry corrected."))
        return redirect("cases:activity_list")


class ActivityDeleteView(OwnActivityMixin, View):
    def post(self, request, pk):
        activity = Activity.objects.filter(pk=pk, user=request.user).first()
        if activity is None:  # deleted already (a second click) or not the user's
            return redirect("cases:activity_list")
        try:
            services.delete_activity(request.user, activity)
        except services.NotCorrectable as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Entry deleted."))
        return redirect("cases:activity_list")


class ActivityListView(WorkLogMixin, FilterView):
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
        return super().get_context_data(
            **kwargs, object_list=page.object_list, page=page, correctable_since=services.correctable_since()
        )


class ActivityExportView(WorkLogMixin, View):
    """The own work log of the filtered period as XLSX (reference numbers, never names or notes)."""

    def get(self, request):
        activities = ActivityFilter(request.GET, queryset=Activity.objects.filter(user=request.user), request=request)
        if not activities.is_valid():
            messages.error(request, _("Check the filter: %(errors)s") % {"errors": activities.errors.as_text()})
            return redirect("cases:activity_list")
        rows = (
            activities.qs.select_related("district", "case", "network")
            .prefetch_related("related_cases", "partners")
            .order_by("date", "id")
        )
        response = HttpResponse(
            work_log_xlsx(rows.iterator(chunk_size=2000)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="taetigkeiten-{timezone.localdate():%Y-%m-%d}.xlsx"'
        return response


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
