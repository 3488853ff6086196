import json
import tempfile
import zipfile

from django.contrib import messages
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView

from cases import services
from cases.access import log_personal_data_shown, visible_case
from cases.constants import PersonRole
from cases.duplicates import possible_duplicates, same_person_elsewhere
from cases.filters import CaseFilter
from cases.follow_up_forms import FollowUpForm
from cases.forms import CaseEditForm, CaseOpenForm, MainPersonForm
from cases.hooks import case_actions, case_panels
from cases.matching import matching_offers
from cases.models import Person, TransferStatus
from cases.models.case import Case
from cases.name_search import NAME_SEARCH
from cases.pseudonym import display_case
from cases.queries import by_name_rank, filter_by_name, for_case_rows, with_names
from cases.subject_access import subject_access
from cases.task_list import case_follow_ups
from cases.timeline import case_timeline
from districts.models import Locality
from sozialraum import audit
from sozialraum.hooks import render_panels
from sozialraum.models import AuditAction
from sozialraum.pagination import RowsPaginator
from sozialraum.pdf import render_pdf
from sozialraum.versioning import EditConflict, conflict_form
from sozialraum.views import CaseWorkMixin


def my_localities(user):
    return Locality.objects.filter(district__teams__memberships__user=user).distinct()


class CaseListView(CaseWorkMixin, FilterView):
    filterset_class = CaseFilter
    template_name = "cases/case_list.html"
    context_object_name = "cases"
    paginate_by = 50

    def get_queryset(self):
        cases = Case.objects.visible_to(self.request.user)
        search = NAME_SEARCH.recall(self.request)
        if search:
            cases = by_name_rank(filter_by_name(cases, search, self.request.user))
        return cases

    def get_paginator(self, queryset, per_page, **kwargs):
        return RowsPaginator(queryset, per_page, rows=for_case_rows, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, _cases, is_paginated = super().paginate_queryset(queryset, page_size)
        page.object_list = with_names(page.object_list)  # (names only of the cases shown named)
        return paginator, page, page.object_list, is_paginated

    def post(self, request, *args, **kwargs):
        """Name search comes by POST and lives in the session: names never stand in a URL."""
        query = request.GET.copy()
        query.pop(NAME_SEARCH.parameter, None)
        query.pop("page", None)
        search = request.POST.get("name", "").strip()
        if "clear_name" in request.POST or not search:
            NAME_SEARCH.forget(request)
        else:
            query[NAME_SEARCH.parameter] = NAME_SEARCH.remember(request, search)
        url = reverse("cases:case_list")
        return redirect(f"{url}?{query.urlencode()}" if query else url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["name_search"] = NAME_SEARCH.recall(self.request)
        token = self.request.GET.get(NAME_SEARCH.parameter, "")
        # The filter form keeps the search's token, so filtering does not drop the name.
        context["filter_keep"] = [(NAME_SEARCH.parameter, token)] if context["name_search"] else []
        shown = [case for case in context["cases"] if case.full_access and case.main_persons]
        audit.log_views(self.request.user, shown, case_id_of=lambda case: case.pk)
        return context


def persons_with_duplicates(user, case) -> list[Person]:
    """The case's persons, each with the records merged with it and possible duplicates in other
    cases the user may read in full (two small queries per person; a case has a handful)."""
    persons = list(case.persons.select_related("locality"))
    for person in persons:
        person.same_elsewhere = list(same_person_elsewhere(user, person))
        person.duplicates = [
            found
            for found in possible_duplicates(
                user, person.first_name, person.last_name, person.birth_date, exclude=person
            )
            if found.case_id != case.pk
        ]
    return persons


def unconfirmed_duplicates(request, person: Person) -> list[Person]:
    """Possible duplicates of a person about to be created, unless the user confirmed that it is
    someone else. Showing them is a read of their personal data (audit)."""
    if request.POST.get("confirm_new_person"):
        return []
    duplicates = list(
        possible_duplicates(request.user, person.first_name, person.last_name, person.birth_date, exclude=person)
    )
    audit.log_views(request.user, duplicates, case_id_of=lambda duplicate: duplicate.case_id)
    return duplicates


class CaseOpenView(CaseWorkMixin, View):
    template_name = "cases/case_open.html"

    def forms(self, data=None):
        user = self.request.user
        case_form = CaseOpenForm(data, user=user, prefix="case")
        case_form.person_form = MainPersonForm(data, localities=my_localities(user), prefix="person")
        return case_form, case_form.person_form

    def get(self, request):
        case_form, person_form = self.forms()
        return render(request, self.template_name, {"case_form": case_form, "person_form": person_form})

    def post(self, request):
        case_form, person_form = self.forms(request.POST)
        context = {"case_form": case_form, "person_form": person_form}
        if case_form.is_valid() and person_form.is_valid():
            person = person_form.save(commit=False)
            duplicates = unconfirmed_duplicates(request, person)
            if duplicates:
                return render(request, self.template_name, {**context, "duplicates": duplicates})
            person.role = PersonRole.MAIN
            case = services.open_case(request.user, case_form.save(commit=False), person)
            messages.success(request, _("Case %(reference)s opened.") % {"reference": case.reference})
            return redirect(case)
        return render(request, self.template_name, context)


class CaseDetailView(CaseWorkMixin, TemplateView):
    template_name = "cases/case_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        case = visible_case(user, self.kwargs["reference"])
        context.update(
            case=case,
            # Pseudonymised readers get no person objects at all, only the case's display.
            persons=persons_with_duplicates(user, case) if case.full_access else [],
            display=display_case(case, user),
            may_edit=case.may_edit,
            goals=case.goals.all(),
            resources=case.resources.all(),
            consents=case.consents.select_related("team", "legal_area", "recorded_by"),
            timeline=case_timeline(case, full_access=case.full_access),
            panels=render_panels(case_panels, case, self.request),
            case_actions=[
                {"label": action.label, "url": reverse(action.url_name, args=[case.reference])}
                for action in case_actions
            ],
            referrals=case.referrals.select_related("partner", "offer"),
            matching_offers=matching_offers(case) if case.full_access else [],
            follow_ups=case_follow_ups(case) if case.full_access else [],
            follow_up_form=FollowUpForm(),
            phase_periods=case.phase_periods.all(),
            attachments=case.attachments.select_related("uploaded_by", "consent", "referral"),
            latest_plan=case.plan_versions.order_by("-number").first(),
            pending_transfer=case.transfers.filter(status=TransferStatus.PENDING).select_related("to_team").first(),
        )
        if case.full_access:
            log_personal_data_shown(user, case)
        return context


class CaseEditView(CaseWorkMixin, View):
    template_name = "cases/case_edit.html"

    def get(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        return render(request, self.template_name, {"case": case, "form": CaseEditForm(instance=case)})

    def post(self, request, reference):
        case = visible_case(request.user, reference, editable=True)
        form = CaseEditForm(request.POST, instance=Case.objects.get(pk=case.pk), case=case)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in CaseEditForm.Meta.fields}
            try:
                services.update_case(request.user, case, values, form.cleaned_data["version"])
            except EditConflict as conflict:
                form = conflict_form(CaseEditForm, request.POST, conflict, instance=case, case=case)
            else:
                messages.success(request, _("Case saved."))
                return redirect(case)
        return render(request, self.template_name, {"case": case, "form": form})


def subject_access_zip(case, data: dict, pdf: bytes):
    """A ZIP of the export and the case's documents, spooled to disk when large."""
    archive_file = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 (FileResponse closes it)
    with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"auskunft-{case.reference}.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr(f"auskunft-{case.reference}.pdf", pdf)
        for number, document in enumerate(case.attachments.order_by("document_date", "id"), 1):
            with document.file.open("rb") as handle:
                archive.writestr(f"dokumente/{number:03d}-{document.original_name}", handle.read())
    archive_file.seek(0)
    return archive_file


class SubjectAccessView(CaseWorkMixin, View):
    """Auskunft nach Art. 15 DSGVO as a JSON file (machine-readable), a PDF (for the person to
    read) or a ZIP with both and the filed documents; the export itself is written to the audit trail."""

    def get(self, request, reference, file_format="json"):
        case = visible_case(request.user, reference, editable=True)
        audit.log(
            request.user,
            AuditAction.EXPORT,
            case,
            case_id=case.pk,
            details={"purpose": "Art. 15 DSGVO", "format": file_format.upper()},
        )
        access = subject_access(case)
        if file_format == "pdf":
            context = {"access": access, "municipality": case.team.district.municipality}
            pdf = render_pdf("cases/subject_access_pdf.html", context)
            response = HttpResponse(pdf, content_type="application/pdf")
        elif file_format == "zip":
            # Everything at once: the JSON, the readable PDF and the filed documents themselves.
            context = {"access": access, "municipality": case.team.district.municipality}
            pdf = render_pdf("cases/subject_access_pdf.html", context)
            response = FileResponse(
                subject_access_zip(case, access.as_json(), pdf), content_type="application/zip", as_attachment=True
            )
        else:
            response = JsonResponse(access.as_json(), json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="auskunft-{case.reference}.{file_format}"'
        return response
