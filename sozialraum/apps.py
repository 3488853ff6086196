from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SozialraumConfig(AppConfig):
    name = "sozialraum"
    verbose_name = _("Sozialraum")

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import m2m_changed, post_save, pre_save

        from sozialraum import checks  # noqa: F401  (registers the deploy checks)
        from sozialraum.audit import log_account_flags, log_group_change, log_lockout, remember_account_flags
        from sozialraum.directory.backends import audit_break_glass
        from sozialraum.middleware import note_required_password_change, remember_sign_in
        from sozialraum.navigation import NavigationEntry, navigation_entries
        from sozialraum.permissions import grant_administration_permissions
        from sozialraum.roles import ADMINISTRATION_ROLES, ALL_ROLES, AUDIT_ROLES
        from sozialraum.second_factor import on_sign_in

        post_migrate.connect(grant_administration_permissions)
        user_locked_out.connect(log_lockout, dispatch_uid="sozialraum_audit_lockout")
        user_logged_in.connect(remember_sign_in, dispatch_uid="sozialraum_remember_sign_in")
        user_logged_in.connect(note_required_password_change, dispatch_uid="sozialraum_password_change_required")
        user_logged_in.connect(on_sign_in, dispatch_uid="sozialraum_second_factor")
        user_logged_in.connect(audit_break_glass, dispatch_uid="sozialraum_break_glass")
        # Role and account changes are audited whoever makes them (DESIGN §4 rule 9).
        user_model = get_user_model()
        pre_save.connect(remember_account_flags, sender=user_model, dispatch_uid="sozialraum_flags_before")
        post_save.connect(log_account_flags, sender=user_model, dispatch_uid="sozialraum_flags_after")
        m2m_changed.connect(log_group_change, sender=user_model.groups.through, dispatch_uid="sozialraum_groups")
        navigation_entries.register(NavigationEntry(_("Start"), "home", ALL_ROLES), order=0)
        navigation_entries.register(
            NavigationEntry(_("Administration"), "admin:index", ADMINISTRATION_ROLES), order=100
        )
        navigation_entries.register(NavigationEntry(_("Audit trail"), "audit_trail", AUDIT_ROLES), order=110)
