from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "districts"
    verbose_name = _("Municipalities and districts")

    def ready(self):
        from districts.home import my_teams_context
        from sozialraum.roles import ALL_ROLES
        from sozialraum.views import HomeSection, home_sections

        home_sections.register(HomeSection("districts/home/my_teams.html", my_teams_context, ALL_ROLES), order=90)
