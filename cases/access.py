from django.http import Http404
from django.shortcuts import get_object_or_404

from cases.models import Case
from sozialraum import audit
from sozialraum.models import AuditAction


def visible_case(user, reference: str, *, full_access: bool = False) -> Case:
    """The case if the user may see it (404 otherwise, so nobody learns that it exists).
    With full_access=True a pseudonymised case is a 404 too: its personal data stay hidden."""
    case = get_object_or_404(
        Case.objects.visible_to(user).select_related(
            "team__district__municipality", "legal_area", "service_area", "caseworker"
        ),
        reference=reference,
    )
    if full_access and not case.full_access:
        raise Http404
    return case


def log_personal_data_shown(user, case: Case) -> None:
    audit.log(user, AuditAction.VIEW, case, case_id=case.pk)
