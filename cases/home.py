"""The start page's "My work" section for case work (registered in CasesConfig.ready)."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, QuerySet
from django.utils import timezone

from cases.constants import ActivityType, CaseStatus, WorkKind
from cases.models import Activity, Case
from cases.models.case import visible_rows
from cases.queries import for_case_rows, with_names
from cases.work_minutes import my_minutes
from sozialraum import audit
from sozialraum.db_backend.base import prepared_statements
from sozialraum.formats import labels_of
from sozialraum.precompiled import Param, Precompiled


def my_work_context(request) -> dict:
    user = request.user
    today = timezone.localdate()
    # (all the user's own rows through indexes that match filter and order – open cases by
    # caseworker, status and reference, work by user and date –: one plan for every user)
    with prepared_statements():
        my_cases = with_names(visible_rows(user, my_open_cases, caseworker=user.pk))
        minutes = my_minutes(user, today)
        recent = recent_activities(user)
    audit.log_views(user, [case for case in my_cases if case.main_persons], case_id_of=lambda case: case.pk)
    return {
        "my_cases": my_cases,
        "minutes": minutes,
        "work_kinds": WorkKind,
        "recent_activities": recent,
        "today": today,
    }


def my_open_cases(visible: QuerySet[Case]) -> QuerySet[Case]:
    """The first 50 of the user's open cases (visible_rows builds it once per user and day)."""
    mine = visible.filter(caseworker_id=Param("caseworker"), status=CaseStatus.OPEN)
    return for_case_rows(mine).order_by("reference")[:50]


def recent_activities(user, count: int = 10) -> list[Activity]:
    """The user's latest entries with the reference numbers of their case and related cases, in
    one query (`case_reference`, `related_references`): a prefetch of the related cases was a
    second query and a model instance per case. Their kind and type are named once for the list
    (`kind_label`, `activity_type_label`)."""
    entries = recent_activities_query(count).fetch(user=user.pk)
    kinds, types = labels_of(WorkKind.choices), labels_of(ActivityType.choices)
    for entry in entries:
        entry.kind_label = kinds.get(entry.kind, entry.kind)
        entry.activity_type_label = types.get(entry.activity_type, entry.activity_type)
    return entries


def recent_activities_query(count: int) -> Precompiled:
    """The query of recent_activities (compiled once per process and count)."""
    if count not in RECENT_ACTIVITIES:
        related = Case.objects.filter(cross_case_activities=OuterRef("pk")).order_by("reference").values("reference")
        RECENT_ACTIVITIES[count] = Precompiled(
            lambda: (
                Activity.objects.filter(user=Param("user"))
                .only("date", "minutes", "kind", "activity_type")
                .annotate(case_reference=F("case__reference"), related_references=ArraySubquery(related))
                .order_by("-date", "-id")[:count]
            )
        )
    return RECENT_ACTIVITIES[count]


RECENT_ACTIVITIES: dict[int, Precompiled] = {}


def my_district_work_context(request) -> dict:
    """Network coordination's own district work this month (one grouped query)."""
    today = timezone.localdate()
    return {"minutes": my_minutes(request.user, today)["month"], "work_kinds": WorkKind, "today": today}
