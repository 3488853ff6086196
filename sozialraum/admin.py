"""Admin pages of the cross-cutting layer.

Separation of duties (DESIGN §4 rule 9): technical administration never grants itself access.
Nobody changes their own groups, active flag or staff flag here, superuser status and single
permissions are not offered to the Administration role at all, and roles that open case files
are only requested here (four-eyes, districts.access_requests). Lifting a login lock
writes the audit trail."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.directory import admin as directory_admin  # noqa: F401  (registers its models)
from sozialraum.models import AuditAction, AuditEvent, DirectoryRoleMapping, PasswordChangeRequired
from sozialraum.roles import FOUR_EYES_ROLES
from sozialraum.second_factor import reset_second_factor

FOUR_EYES_ROLE_NAMES = {role.value for role in FOUR_EYES_ROLES}


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


# Fields that decide what someone may do; no one edits them on their own account.
OWN_ACCESS_FIELDS = ("groups", "is_active", "is_staff", "is_superuser", "user_permissions")


class SeparatedUserAdmin(UserAdmin):
    actions = ["reset_second_factor"]

    @admin.action(description=gettext_lazy("Reset the second factor (lost phone)"))
    def reset_second_factor(self, request, queryset):
        for user in queryset.exclude(pk=request.user.pk):  # not one's own: that is a second person's job
            reset_second_factor(request.user, user)
        messages.success(request, _("The second factor was reset; the users set it up again at their next sign-in."))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # The Administration role assigns roles (groups); superuser status and single
        # permissions would bypass them.
        hidden = {"is_superuser", "user_permissions"}
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field not in hidden]})
            for name, options in fieldsets
        ]

    def user_change_password(self, request, id, form_url=""):
        """Setting someone else's password: they must change it at their next sign-in."""
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and str(request.user.pk) != str(id):
            PasswordChangeRequired.objects.update_or_create(user_id=id, defaults={"set_by_id": request.user.pk})
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # a new account's first password comes from the administrator
            PasswordChangeRequired.objects.update_or_create(user=obj, defaults={"set_by_id": request.user.pk})

    def save_related(self, request, form, formsets, change):
        """Roles that open case files or the audit trail are not given here: one administrator
        requests them, a second approves (four-eyes). Taking roles away is immediate."""
        held = []
        if "groups" in form.cleaned_data:
            current = set(form.instance.groups.values_list("pk", flat=True))
            chosen = list(form.cleaned_data["groups"])
            held = [group for group in chosen if group.pk not in current and group.name in FOUR_EYES_ROLE_NAMES]
            form.cleaned_data["groups"] = [group for group in chosen if group not in held]
        super().save_related(request, form, formsets, change)
        if held:
            messages.warning(
                request,
                _(
                    "Not given: %(roles)s. These roles need a request and the approval of a second "
                    "administrator (page “Pending access changes”)."
                )
                % {"roles": ", ".join(group.name for group in held)},
            )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            readonly += [field for field in OWN_ACCESS_FIELDS if field not in readonly]
        elif obj is not None and roles_follow_directory(obj):
            readonly.append("groups")  # the directory's groups decide (sozialraum.directory.accounts)
        return readonly


def roles_follow_directory(user) -> bool:
    return (
        hasattr(user, "directory_account") and DirectoryRoleMapping.objects.filter(approved_at__isnull=False).exists()
    )


admin.site.unregister(User)
admin.site.register(User, SeparatedUserAdmin)
