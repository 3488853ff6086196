"""Admin pages of the cross-cutting layer: lifting a login lock writes the audit trail."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin

from sozialraum.models import AuditAction, AuditEvent


class AuditedAccessAttemptAdmin(AccessAttemptAdmin):
    """Deleting an access attempt lifts the lock it caused; who lifted which lock is audited."""

    def delete_model(self, request, obj):
        record_unlocks(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        record_unlocks(request, list(queryset))
        super().delete_queryset(request, queryset)


def record_unlocks(request, attempts) -> None:
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                user_id=request.user.pk,
                username=request.user.get_username(),
                action=AuditAction.UNLOCK,
                object_type="axes.accessattempt",
                object_id=attempt.pk,
                details={"locked_user": attempt.username, "ip_address": attempt.ip_address or ""},
            )
            for attempt in attempts
        ]
    )


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AuditedAccessAttemptAdmin)
