"""The case timeline: the work done on a case and the changes made to it, newest first;
higher apps add their own entries (e.g. consultations) through cases.hooks.timeline_sources."""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from cases.hooks import timeline_sources
from cases.models import Activity, Case
from sozialraum.models import AuditAction, AuditEvent

CHANGE_ACTIONS = [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE, AuditAction.WITHDRAW]


def label_of(model, name: str) -> str:
    """The German label of a field; for a relation (e.g. persons) its model's plural name."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(field.related_model._meta.verbose_name_plural)


def end_of(day: date) -> datetime:
    """Entries dated by day sort after the changes of that day."""
    return datetime.combine(day, time.max, tzinfo=timezone.get_current_timezone())


@dataclass
class TimelineEntry:
    moment: datetime
    activity: Activity | None = None
    change: AuditEvent | None = None
    # An entry of a higher app: rendered with its own template, which gets `entry.item`.
    template: str = ""
    item: Any = None

    @property
    def change_subject(self) -> str:
        return str(apps.get_model(self.change.object_type)._meta.verbose_name)

    @property
    def changed_field_labels(self) -> list[str]:
        model = apps.get_model(self.change.object_type)
        return [label_of(model, name) for name in self.change.changed_fields]


def case_timeline(case: Case, limit: int = 50, full_access: bool = False) -> list[TimelineEntry]:
    # Two index-backed queries instead of one OR over a join with DISTINCT, which at city scale
    # became a sequential scan over every activity: own entries, then those that name the case too.
    latest = Activity.objects.select_related("user").order_by("-date", "-id")
    own = list(latest.filter(case=case)[:limit])
    also = list(latest.filter(related_cases=case).exclude(case=case)[:limit])
    activities = sorted(own + also, key=lambda activity: (activity.date, activity.pk), reverse=True)[:limit]
    changes = AuditEvent.objects.filter(case_id=case.pk, action__in=CHANGE_ACTIONS).order_by("-occurred_at")[:limit]
    entries = [TimelineEntry(end_of(activity.date), activity=activity) for activity in activities]
    entries += [TimelineEntry(change.occurred_at, change=change) for change in changes]
    if full_access:
        for source in timeline_sources:
            entries += source(case, limit)
    return sorted(entries, key=lambda entry: entry.moment, reverse=True)[:limit]
