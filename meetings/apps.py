from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from cases import hooks as case_hooks
        from districts.hooks import TeamLink, team_links
        from meetings import case_hooks as contributions
        from meetings.home import my_action_items_context
        from sozialraum.navigation import NavigationEntry, navigation_entries
        from sozialraum.roles import CALENDAR_ROLES, CASE_WORK_ROLES
        from sozialraum.views import HomeSection, home_sections

        home_sections.register(
            HomeSection("meetings/home/my_action_items.html", my_action_items_context, CASE_WORK_ROLES), order=20
        )
        team_links.register(TeamLink(_("Prepare the next meeting"), "meetings:next_meeting"), order=20)
        navigation_entries.register(
            NavigationEntry(
                _("Calendar"), "meetings:calendar_year", CALENDAR_ROLES, also_active_under=("/sitzungen/",)
            ),
            order=30,
        )
        case_hooks.case_actions.register(contributions.PROPOSE, order=10)
        case_hooks.case_panels.register(contributions.PROPOSALS_PANEL)
        case_hooks.timeline_sources.register(contributions.consultation_entries)
        case_hooks.subject_access_sections.register(contributions.subject_access_consultations)
        case_hooks.erasure_steps.register(contributions.erase_meeting_texts)
