"""The start page's "My work" section for case work (registered in CasesConfig.ready)."""

from django.db.models import Prefetch
from django.utils import timezone

from cases.constants import CaseStatus, WorkKind
from cases.models import Activity, Case
from cases.queries import for_case_rows, with_names
from cases.work_minutes import my_minutes
from sozialraum import audit


def my_work_context(request) -> dict:
    user = request.user
    today = timezone.localdate()
    my_open_cases = Case.objects.visible_to(user).filter(caseworker=user, status=CaseStatus.OPEN)
    my_cases = with_names(for_case_rows(my_open_cases).order_by("reference")[:50])
    audit.log_views(user, [case for case in my_cases if case.main_persons], case_id_of=lambda case: case.pk)
    recent = (
        Activity.objects.filter(user=user)
        .select_related("case")
        .only("date", "minutes", "kind", "activity_type", "case__reference")
        .prefetch_related(Prefetch("related_cases", queryset=Case.objects.only("reference")))
        .order_by("-date", "-id")[:10]
    )
    return {
        "my_cases": my_cases,
        "minutes": my_minutes(user, today),
        "work_kinds": WorkKind,
        "recent_activities": recent,
        "today": today,
    }


def my_district_work_context(request) -> dict:
    """Network coordination's own district work this month (one grouped query)."""
    today = timezone.localdate()
    return {"minutes": my_minutes(request.user, today)["month"], "work_kinds": WorkKind, "today": today}
