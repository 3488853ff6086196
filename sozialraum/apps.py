from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SozialraumConfig(AppConfig):
    name = "sozialraum"
    verbose_name = _("Sozialraum")

    def ready(self):
        from sozialraum.permissions import grant_administration_permissions

        post_migrate.connect(grant_administration_permissions)
