"""Goals, resources and consents of a case: only for users with full access."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from cases import services
from cases.access import visible_case
from cases.forms import ConsentForm, GoalForm, ResourceForm
from cases.models import Goal
from sozialraum.versioning import EditConflict, conflict_form
from sozialraum.views import CaseWorkMixin


class GoalFormView(CaseWorkMixin, View):
    template_name = "cases/goal_form.html"

    def get_goal(self, case):
        if "goal_id" in self.kwargs:
            return get_object_or_404(Goal, case=case, pk=self.kwargs["goal_id"])
        return Goal(case=case)

    def get(self, request, reference, **kwargs):
        case = visible_case(request.user, reference, editable=True)
        form = GoalForm(instance=self.get_goal(case), case=case)
        return render(request, self.template_name, {"case": case, "form": form})

    def post(self, request, reference, **kwargs):
        case = visible_case(request.user, reference, editable=True)
        goal = self.get_goal(case)
        form = GoalForm(request.POST, instance=goal, case=case)
        if form.is_valid():
            if goal.pk:
                values = {name: form.cleaned_data[name] for name in GoalForm.Meta.fields}
                try:
                    services.update_case_part(request.user, goal, values, form.cleaned_data["version"])
                except EditConflict as conflict:
                    form = conflict_form(GoalForm, request.POST, conflict, instance=goal, case=case)
                    return render(request, self.template_name, {"case": case, "form": form})
            else:
                services.add_to_case(request.user, form.save(commit=False))
            messages.success(request, _("Goal saved."))
            return redirect(case)
        return render(request, self.template_name, {"case": case, "form": form})


class CasePartCreateView(CaseWorkMixin, View):
    """Add a resource or a consent to a case."""

    form_class = None
    template_name = ""
    success_message = ""

    def make_form(self, case, data=None):
        return self.form_class(data, case=case)

    def prepare(self, part):
        """Set what the form does not ask for."""

    def get(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        return render(request, self.template_name, {"case": case, "form": self.make_form(case)})

    def post(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        form = self.make_form(case, request.POST)
        if form.is_valid():
            part = form.save(commit=False)
            part.case = case
            self.prepare(part)
            services.add_to_case(request.user, part)
            messages.success(request, self.success_message)
            return redirect(case)
        return render(request, self.template_name, {"case": case, "form": form})


class ResourceCreateView(CasePartCreateView):
    form_class = ResourceForm
    template_name = "cases/resource_form.html"
    success_message = gettext_lazy("Resource added.")


class ConsentCreateView(CasePartCreateView):
    form_class = ConsentForm
    template_name = "cases/consent_form.html"
    success_message = gettext_lazy("Consent recorded.")

    def prepare(self, consent):
        consent.recorded_by = self.request.user


class ResourceDeleteView(CaseWorkMixin, View):
    def post(self, request, reference, resource_id):
        case = visible_case(request.user, reference, editable=True)
        services.delete_resource(request.user, get_object_or_404(case.resources, pk=resource_id))
        messages.success(request, _("Resource removed."))
        return redirect(case)


class ConsentWithdrawView(CaseWorkMixin, View):
    """One click: the consent stops counting from this moment on."""

    def post(self, request, reference, consent_id):
        case = visible_case(request.user, reference, editable=True)
        services.withdraw_consent(request.user, get_object_or_404(case.consents, pk=consent_id))
        messages.success(request, _("Consent withdrawn. It no longer applies."))
        return redirect(case)
