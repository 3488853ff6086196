from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django_filters.views import FilterView

from cases import services
from cases.filters import ActivityFilter
from cases.forms import ActivityForm
from cases.models import Activity
from sozialraum.pagination import keyset_page
from sozialraum.views import CaseWorkMixin


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
