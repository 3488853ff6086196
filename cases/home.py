"""The start page's "My work" section for case work (registered in CasesConfig.ready)."""

from django.utils import timezone

from cases.constants import CaseStatus, GoalStatus, WorkKind
from cases.models import Activity, Case, Goal
from cases.queries import main_persons_prefetch
from cases.work_minutes import my_minutes
from sozialraum import audit

GOALS_DUE_WITHIN_DAYS = 14


def my_work_context(request) -> dict:
    user = request.user
    today = timezone.localdate()
    my_open_cases = Case.objects.visible_to(user).filter(caseworker=user, status=CaseStatus.OPEN)
    my_cases = list(
        my_open_cases.select_related("team__district", "legal_area")
        .prefetch_related(main_persons_prefetch())
        .order_by("reference")[:50]
    )
    audit.log_views(user, [case for case in my_cases if case.main_persons], case_id_of=lambda case: case.pk)
    due_goals = (
        Goal.objects.filter(
            case__in=my_open_cases,
            status__in=[GoalStatus.AGREED, GoalStatus.IN_PROGRESS],
            due_on__lte=today + timezone.timedelta(days=GOALS_DUE_WITHIN_DAYS),
        )
        .select_related("case")
        .order_by("due_on")[:30]
    )
    recent = (
        Activity.objects.filter(user=user)
        .select_related("case", "district")
        .prefetch_related("related_cases")
        .order_by("-date", "-id")[:10]
    )
    return {
        "my_cases": my_cases,
        "due_goals": due_goals,
        "minutes": my_minutes(user, today),
        "work_kinds": WorkKind,
        "recent_activities": recent,
        "today": today,
    }
