from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from reports.home import latest_runs_context
        from sozialraum.navigation import NavigationEntry, navigation_entries
        from sozialraum.roles import REPORT_ROLES
        from sozialraum.views import HomeSection, home_sections

        navigation_entries.register(NavigationEntry(_("Reports"), "reports:report", REPORT_ROLES), order=80)
        home_sections.register(HomeSection("reports/home_runs.html", latest_runs_context, REPORT_ROLES), order=10)
