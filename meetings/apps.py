from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from cases import hooks as case_hooks
        from cases.follow_ups import follow_up_sources
        from districts.hooks import TeamLink, team_links
        from meetings import case_hooks as contributions
        from meetings.follow_up_sources import ACTION_ITEMS, CONSULTATIONS
        from meetings.home import next_network_meetings_context
        from sozialraum.navigation import NavigationEntry, navigation_entries
        from sozialraum.roles import CALENDAR_ROLES, DIRECTORY_EDITOR_ROLES
        from sozialraum.views import HomeSection, home_sections

        team_links.register(TeamLink(_("Prepare the next meeting"), "meetings:next_meeting"), order=20)
        home_sections.register(
            HomeSection("meetings/home_network_meetings.html", next_network_meetings_context, DIRECTORY_EDITOR_ROLES),
            order=22,
        )
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
        case_hooks.responsibility_moved.register(contributions.move_action_items)
        follow_up_sources.register(CONSULTATIONS, order=40)
        follow_up_sources.register(ACTION_ITEMS, order=50)
