"""Administration keeps which directory group gives which role. A mapping to a role that opens
case files or the audit trail is asked for by one administrator and takes effect only when a
second one approves (four-eyes, as for roles given by hand); taking it away is immediate."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum import audit
from sozialraum.models import AuditAction, DirectoryAccount, DirectoryRoleMapping
from sozialraum.roles import FOUR_EYES_ROLES


def needs_second_administrator(mapping: DirectoryRoleMapping) -> bool:
    return mapping.role in {role.value for role in FOUR_EYES_ROLES}


@admin.register(DirectoryRoleMapping)
class DirectoryRoleMappingAdmin(admin.ModelAdmin):
    list_display = ["group", "role", "in_effect", "requested_by", "approved_by"]
    list_filter = ["role"]
    search_fields = ["group"]
    fields = ["group", "role"]
    actions = ["approve"]

    def get_readonly_fields(self, request, obj=None):
        # A mapping is not edited into another: delete it and ask for the new one.
        return ["group", "role"] if obj is not None else []

    @admin.display(description=gettext_lazy("in effect"), boolean=True)
    def in_effect(self, mapping: DirectoryRoleMapping) -> bool:
        return mapping.approved_at is not None

    def save_model(self, request, obj, form, change):
        if change:
            return
        obj.requested_by = request.user
        if needs_second_administrator(obj):
            super().save_model(request, obj, form, change)
            audit.log(request.user, AuditAction.REQUEST, obj, details={"role": obj.role, "source": obj.group})
            messages.warning(
                request,
                _("“%(role)s” needs the approval of a second administrator before the group gives it.")
                % {"role": obj.get_role_display()},
            )
            return
        obj.approved_by, obj.approved_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)
        audit.log(request.user, AuditAction.CREATE, obj, details={"role": obj.role, "source": obj.group})

    def delete_model(self, request, obj):
        audit.log(request.user, AuditAction.DELETE, obj, details={"role": obj.role, "source": obj.group})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for mapping in queryset:
            self.delete_model(request, mapping)

    @admin.action(description=gettext_lazy("Approve (second administrator)"), permissions=["change"])
    def approve(self, request, queryset):
        approved = refused = 0
        for mapping in queryset.filter(approved_at__isnull=True):
            if mapping.requested_by_id == request.user.pk:
                audit.log(request.user, AuditAction.REFUSE, mapping, details={"role": mapping.role})
                refused += 1
                continue
            mapping.approved_by, mapping.approved_at = request.user, timezone.now()
            mapping.save(update_fields=["approved_by", "approved_at"])
            audit.log(
                request.user, AuditAction.APPROVE, mapping, details={"role": mapping.role, "source": mapping.group}
            )
            approved += 1
        if approved:
            messages.success(request, _("%(count)d mappings are in effect now.") % {"count": approved})
        if refused:
            messages.error(request, _("Your own requests need another administrator's approval."))


@admin.register(DirectoryAccount)
class DirectoryAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "subject", "issuer", "linked_at", "signed_in_at"]
    search_fields = ["user__username", "subject"]
    readonly_fields = ["user", "issuer", "subject", "linked_at", "signed_in_at"]

    def has_add_permission(self, request):
        return False  # linked at the first sign-in with the service account
