from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SozialraumConfig(AppConfig):
    name = "sozialraum"
    verbose_name = _("Sozialraum")

    def ready(self):
        from sozialraum.navigation import NavigationEntry, navigation_entries
        from sozialraum.permissions import grant_administration_permissions
        from sozialraum.roles import ADMINISTRATION_ROLES, ALL_ROLES

        post_migrate.connect(grant_administration_permissions)
        navigation_entries.register(NavigationEntry(_("Start"), "home", ALL_ROLES), order=0)
        navigation_entries.register(
            NavigationEntry(_("Administration"), "admin:index", ADMINISTRATION_ROLES), order=100
        )
