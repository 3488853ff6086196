from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self):
        from cases.follow_ups import CASE_SOURCES, follow_up_sources, refresh_contact_checks
        from cases.home import my_district_work_context, my_work_context
        from cases.partner_hooks import FOLLOW_UP_PANEL, PARTNER_WORK_PANEL, REFER_PANEL
        from cases.reminders import send_follow_up_reminders
        from cases.search_provider import find_cases, find_persons
        from cases.task_list import my_tasks_context
        from districts.hooks import TeamLink, team_links
        from networks.hooks import contacts_changed, offer_panels, partner_panels
        from sozialraum.navigation import NavigationEntry, PagePart, navigation_entries, page_end_parts, top_bar_parts
        from sozialraum.roles import CASE_WORK_ROLES, DIRECTORY_EDITOR_ROLES, FOLLOW_UP_ROLES, WORK_LOG_ROLES
        from sozialraum.schedule import DailyJob, daily_jobs
        from sozialraum.search import SearchProvider, search_providers
        from sozialraum.views import HomeSection, home_sections

        contacts_changed.register(refresh_contact_checks)
        daily_jobs.register(
            DailyJob("follow_up_reminders", lambda: settings.FOLLOW_UP_REMINDER_TIME, send_follow_up_reminders.enqueue)
        )
        for order, source in enumerate(CASE_SOURCES):
            follow_up_sources.register(source, order=order * 10)
        home_sections.register(HomeSection("cases/home/my_tasks.html", my_tasks_context, FOLLOW_UP_ROLES), order=5)
        home_sections.register(HomeSection("cases/home/my_work.html", my_work_context, CASE_WORK_ROLES), order=10)
        home_sections.register(
            HomeSection("cases/home/my_district_work.html", my_district_work_context, DIRECTORY_EDITOR_ROLES), order=25
        )
        team_links.register(TeamLink(_("Team work figures"), "cases:team_work"), order=10)
        partner_panels.register(PARTNER_WORK_PANEL)
        partner_panels.register(FOLLOW_UP_PANEL)
        offer_panels.register(REFER_PANEL)
        search_providers.register(SearchProvider(_("Cases"), CASE_WORK_ROLES, find_cases), order=10)
        search_providers.register(SearchProvider(_("Persons"), CASE_WORK_ROLES, find_persons), order=20)
        navigation_entries.register(NavigationEntry(_("Cases"), "cases:case_list", CASE_WORK_ROLES), order=10)
        navigation_entries.register(NavigationEntry(_("Work log"), "cases:activity_list", WORK_LOG_ROLES), order=20)
        top_bar_parts.register(PagePart("cases/includes/task_badge.html", FOLLOW_UP_ROLES))
        top_bar_parts.register(PagePart("cases/includes/log_work_button.html", WORK_LOG_ROLES))
        page_end_parts.register(PagePart("cases/includes/activity_dialog.html", WORK_LOG_ROLES))
