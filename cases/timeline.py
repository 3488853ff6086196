"""The case timeline: the work done on a case and the changes made to it, newest first."""

from dataclasses import dataclass
from datetime import datetime, time

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import timezone

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


@dataclass
class TimelineEntry:
    moment: datetime
    activity: Activity | None = None
    change: AuditEvent | None = None
    consultation: object | None = None  # meetings.Consultation, reached through the reverse relation

    @property
    def change_subject(self) -> str:
        return str(apps.get_model(self.change.object_type)._meta.verbose_name)

    @property
    def changed_field_labels(self) -> list[str]:
        model = apps.get_model(self.change.object_type)
        return [label_of(model, name) for name in self.change.changed_fields]


def case_timeline(case: Case, limit: int = 50, with_consultations: bool = False) -> list[TimelineEntry]:
    activities = (
        Activity.objects.filter(Q(case=case) | Q(related_cases=case))
        .select_related("user")
        .distinct()
        .order_by("-date", "-id")[:limit]
    )
    changes = AuditEvent.objects.filter(case_id=case.pk, action__in=CHANGE_ACTIONS).order_by("-occurred_at")[:limit]
    zone = timezone.get_current_timezone()
    entries = [
        TimelineEntry(datetime.combine(activity.date, time.max, tzinfo=zone), activity=activity)
        for activity in activities
    ] + [TimelineEntry(change.occurred_at, change=change) for change in changes]
    if with_consultations:
        consultations = case.consultations.select_related("agenda_item__meeting").order_by("-created_at")[:limit]
        entries += [
            TimelineEntry(datetime.combine(item.agenda_item.meeting.date, time.max, tzinfo=zone), consultation=item)
            for item in consultations
        ]
    return sorted(entries, key=lambda entry: entry.moment, reverse=True)[:limit]
