from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from sozialraum.navigation import NavigationEntry, navigation_entries
        from sozialraum.roles import REPORT_ROLES

        navigation_entries.register(NavigationEntry(_("Reports"), "reports:report", REPORT_ROLES), order=80)
