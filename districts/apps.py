from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "districts"
    verbose_name = _("Municipalities and districts")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from districts.access_audit import log_membership_deleted, log_membership_saved
        from districts.home import my_teams_context, outdated_indicators_context
        from districts.models import Membership
        from districts.search_provider import find_districts
        from sozialraum.navigation import NavigationEntry, navigation_entries
        from sozialraum.permissions import administered_apps
        from sozialraum.roles import ADMINISTRATION_ROLES, ALL_ROLES, REPORT_ROLES
        from sozialraum.search import SearchProvider, search_providers
        from sozialraum.views import HomeSection, home_sections

        administered_apps.register(self.label)
        post_save.connect(log_membership_saved, sender=Membership, dispatch_uid="districts_membership_saved")
        post_delete.connect(log_membership_deleted, sender=Membership, dispatch_uid="districts_membership_deleted")
        search_providers.register(SearchProvider(_("Districts"), ALL_ROLES, find_districts), order=90)
        home_sections.register(HomeSection("districts/home/my_teams.html", my_teams_context, ALL_ROLES), order=90)
        home_sections.register(
            HomeSection("districts/home/outdated_indicators.html", outdated_indicators_context, REPORT_ROLES), order=30
        )
        navigation_entries.register(
            NavigationEntry(
                _("Indicators"), "districts:indicator_values", REPORT_ROLES, also_active_under=("/kennzahlen/",)
            ),
            order=85,
        )
        navigation_entries.register(
            NavigationEntry(
                _("Districts"), "districts:municipality_list", ALL_ROLES, also_active_under=("/sozialraeume/",)
            ),
            order=90,
        )
        navigation_entries.register(
            NavigationEntry(
                _("Access requests"),
                "districts:access_requests",
                ADMINISTRATION_ROLES,
                also_active_under=("/berechtigungen/",),
            ),
            order=95,
        )
