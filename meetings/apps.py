from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from districts.hooks import TeamLink, team_links
        from meetings.home import my_action_items_context
        from sozialraum.roles import CASE_WORK_ROLES
        from sozialraum.views import HomeSection, home_sections

        home_sections.register(
            HomeSection("meetings/home/my_action_items.html", my_action_items_context, CASE_WORK_ROLES), order=20
        )
        team_links.register(TeamLink(_("Prepare the next meeting"), "meetings:next_meeting"), order=20)
