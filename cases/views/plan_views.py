"""Goals, resources and consents of a case: only for users with full access."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from cases import services
from cases.access import visible_case
from cases.forms import ConsentForm, GoalForm, ResourceForm
from cases.models import Goal, Resource
from sozialraum.versioning import EditConflict, conflict_form
from sozialraum.views import CaseWorkMixin, local_url


class CasePartFormView(CaseWorkMixin, View):
    """Add or change a part of a case (goal, resource): the part's id in the address means change,
    with the version check of every edit form."""

    model: type = Goal
    form_class: type = GoalForm
    template_name = ""
    id_name = ""
    success_message = ""

    def get_part(self, case):
        if self.id_name in self.kwargs:
            return get_object_or_404(self.model, case=case, pk=self.kwargs[self.id_name])
        return self.model(case=case)

    def page(self, request, case, form):
        return render(request, self.template_name, {"case": case, "form": form, "part": form.instance})

    def get(self, request, reference, **kwargs):
        case = visible_case(request.user, reference, editable=True)
        return self.page(request, case, self.form_class(instance=self.get_part(case), case=case))

    def post(self, request, reference, **kwargs):
        case = visible_case(request.user, reference, editable=True)
        part = self.get_part(case)
        form = self.form_class(request.POST, instance=part, case=case)
        if not form.is_valid():
            return self.page(request, case, form)
        if part.pk:
            values = {name: form.cleaned_data[name] for name in self.form_class.Meta.fields}
            try:
                services.update_case_part(request.user, part, values, form.cleaned_data["version"])
            except EditConflict as conflict:
                form = conflict_form(self.form_class, request.POST, conflict, instance=part, case=case)
                return self.page(request, case, form)
        else:
            services.add_to_case(request.user, form.save(commit=False))
        messages.success(request, self.success_message)
        return redirect(case)


class GoalFormView(CasePartFormView):
    model, form_class, id_name = Goal, GoalForm, "goal_id"
    template_name = "cases/goal_form.html"
    success_message = gettext_lazy("Goal saved.")


class ResourceFormView(CasePartFormView):
    model, form_class, id_name = Resource, ResourceForm, "resource_id"
    template_name = "cases/resource_form.html"
    success_message = gettext_lazy("Resource saved.")


class CasePartCreateView(CaseWorkMixin, View):
    """Add a consent to a case."""

    form_class = None
    template_name = ""
    success_message = ""

    initial_fields: tuple[str, ...] = ()

    def make_form(self, case, data=None):
        initial = {name: self.request.GET[name] for name in self.initial_fields if name in self.request.GET}
        return self.form_class(data, case=case, initial=initial)

    def prepare(self, part):
        """Set what the form does not ask for."""

    def page(self, case, form):
        # "next": the page that sent the user here (a refused referral) and gets them back.
        next_url = local_url(self.request, self.request.POST.get("next") or self.request.GET.get("next", ""), "")
        return render(self.request, self.template_name, {"case": case, "form": form, "next": next_url})

    def get(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        return self.page(case, self.make_form(case))

    def post(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        form = self.make_form(case, request.POST)
        if form.is_valid():
            part = form.save(commit=False)
            part.case = case
            self.prepare(part)
            services.add_to_case(request.user, part)
            messages.success(request, self.success_message)
            return redirect(local_url(request, request.POST.get("next", ""), case.get_absolute_url()))
        return self.page(case, form)


class ConsentCreateView(CasePartCreateView):
    form_class = ConsentForm
    template_name = "cases/consent_form.html"
    success_message = gettext_lazy("Consent recorded.")
    # A refused referral links here with the partner chosen.
    initial_fields = ("scope", "partner", "purpose")

    def prepare(self, consent):
        consent.recorded_by = self.request.user


class ResourceDeleteView(CaseWorkMixin, View):
    def post(self, request, reference, resource_id):
        case = visible_case(request.user, reference, editable=True)
        services.delete_resource(request.user, get_object_or_404(case.resources, pk=resource_id))
        messages.success(request, _("Resource removed."))
        return redirect(case)


class ConsentWithdrawView(CaseWorkMixin, View):
    """Asks first (what withdrawing means), then the consent stops counting from this moment on."""

    def get(self, request, reference, consent_id):
        case = visible_case(request.user, reference, editable=True)
        consent = get_object_or_404(case.consents, pk=consent_id, withdrawn_at__isnull=True)
        return render(request, "cases/consent_withdraw.html", {"case": case, "consent": consent})

    def post(self, request, reference, consent_id):
        case = visible_case(request.user, reference, editable=True)
        services.withdraw_consent(request.user, get_object_or_404(case.consents, pk=consent_id))
        messages.success(request, _("Consent withdrawn. It no longer applies."))
        return redirect(case)
