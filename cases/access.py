from django.http import Http404
from django.shortcuts import get_object_or_404

from cases.models import Case
from sozialraum import audit
from sozialraum.models import AuditAction


def visible_case(user, reference: str, *, editable: bool = False) -> Case:
    """The case if the user may see it (404 otherwise, so nobody learns that it exists).
    With editable=True only for those who may change the case file (the responsible caseworker
    and the members of its legal area in its team): a consent lets others read, not write."""
    case = get_object_or_404(
        Case.objects.visible_to(user).select_related(
            "team__district__municipality", "legal_area", "service_area", "caseworker"
        ),
        reference=reference,
    )
    if editable and not case.may_edit:
        raise Http404
    return case


def log_personal_data_shown(user, case: Case) -> None:
    audit.log(user, AuditAction.VIEW, case, case_id=case.pk)
