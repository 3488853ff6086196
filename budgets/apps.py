from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "budgets"
    verbose_name = _("Sozialraumbudget")

    def ready(self):
        from budgets import case_hooks as contributions
        from cases import hooks as case_hooks
        from districts.hooks import TeamLink, team_links
        from sozialraum.navigation import NavigationEntry, navigation_entries
        from sozialraum.roles import REPORT_ROLES
        from sozialraum.views import HomeSection, home_sections

        team_links.register(TeamLink(_("Sozialraumbudget"), "budgets:team_budget", leading_only=False), order=30)

        navigation_entries.register(NavigationEntry(_("Budget"), "budgets:budget_list", REPORT_ROLES), order=45)
        home_sections.register(
            HomeSection("budgets/home_status.html", contributions.budget_status_context, REPORT_ROLES), order=21
        )
        case_hooks.case_panels.register(contributions.CASE_PANEL, order=60)
        case_hooks.erasure_steps.register(contributions.erase_spending_texts)
