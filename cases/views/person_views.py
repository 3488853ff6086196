"""The persons of a case: adding and editing them (with the duplicate warning), and merging two
records of the same human from different cases."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from cases import duplicates, services
from cases.access import visible_case
from cases.constants import PersonRole
from cases.forms import PersonForm
from cases.models import Person
from cases.views.case_views import unconfirmed_duplicates
from sozialraum import audit
from sozialraum.models import AuditAction
from sozialraum.versioning import EditConflict, conflict_form, save_versioned
from sozialraum.views import CaseWorkMixin

ADDRESS_FIELDS = ("street", "postal_code", "city", "locality_id")


class PersonFormView(CaseWorkMixin, View):
    template_name = "cases/person_form.html"

    def get_person(self, case):
        if "person_id" in self.kwargs:
            return get_object_or_404(case.persons, pk=self.kwargs["person_id"])
        # A new household member lives where the main person lives, usually: the address is
        # filled in and can be changed.
        main = case.persons.filter(role=PersonRole.MAIN).first()
        address = {name: getattr(main, name) for name in ADDRESS_FIELDS} if main else {}
        return Person(case=case, role=PersonRole.HOUSEHOLD, **address)

    def get(self, request, reference, **kwargs):
        case = visible_case(request.user, reference, editable=True)
        person = self.get_person(case)
        if person.pk:
            audit.log(request.user, AuditAction.VIEW, person, case_id=case.pk)
        form = PersonForm(instance=person, localities=case.team.district.localities.all())
        return render(request, self.template_name, {"case": case, "form": form})

    def post(self, request, reference, **kwargs):
        case = visible_case(request.user, reference, editable=True)
        person = self.get_person(case)
        localities = case.team.district.localities.all()
        form = PersonForm(request.POST, instance=person, localities=localities)
        if form.is_valid():
            if person.pk:
                try:
                    save_versioned(request.user, person, form.changed_values(), form.cleaned_data["version"], case.pk)
                except EditConflict as conflict:
                    form = conflict_form(PersonForm, request.POST, conflict, instance=person, localities=localities)
                    return render(request, self.template_name, {"case": case, "form": form})
            else:
                new_person = form.save(commit=False)
                found = unconfirmed_duplicates(request, new_person)
                if found:
                    return render(request, self.template_name, {"case": case, "form": form, "duplicates": found})
                services.add_person(request.user, new_person)
            messages.success(request, _("Person saved."))
            return redirect(case)
        return render(request, self.template_name, {"case": case, "form": form})


class PersonMergeView(CaseWorkMixin, View):
    """Two records of the same human in two cases the user may read in full become one person:
    the user picks, field by field, which value is right."""

    template_name = "cases/person_merge.html"

    def records(self, request, reference, person_id, other_id):
        case = visible_case(request.user, reference, editable=True)
        kept = get_object_or_404(case.persons, pk=person_id)
        # Merging writes both records: the user must be allowed to change both case files.
        editable = duplicates.editable_cases(request.user).values("pk")
        other = get_object_or_404(Person.objects.select_related("case"), pk=other_id, case__in=editable)
        if other.pk == kept.pk:
            raise Http404
        return case, kept, other

    def get(self, request, reference, person_id, other_id):
        case, kept, other = self.records(request, reference, person_id, other_id)
        audit.log_views(request.user, [kept, other], case_id_of=lambda person: person.case_id)
        context = {"case": case, "kept": kept, "other": other, "fields": duplicates.compare(kept, other)}
        return render(request, self.template_name, context)

    def post(self, request, reference, person_id, other_id):
        case, kept, other = self.records(request, reference, person_id, other_id)
        take = {name for name in duplicates.MERGED_FIELDS if request.POST.get(name) == "other"}
        duplicates.merge(request.user, kept, other, take)
        messages.success(
            request,
            _("The records in %(case)s and %(other)s are now one person.")
            % {"case": case.reference, "other": other.case.reference},
        )
        return redirect(case)
