from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Network")

    def ready(self):
        from sozialraum.navigation import NavigationEntry, navigation_entries
        from sozialraum.roles import DIRECTORY_EDITOR_ROLES, DIRECTORY_READER_ROLES

        for order, (label, url_name, roles) in enumerate(
            [
                (_("Offers"), "networks:offer_list", DIRECTORY_READER_ROLES),
                (_("Partners"), "networks:partner_list", DIRECTORY_READER_ROLES),
                (_("Networks"), "networks:network_list", DIRECTORY_READER_ROLES),
                (_("Upkeep"), "networks:upkeep", DIRECTORY_EDITOR_ROLES),
            ],
            start=40,
        ):
            navigation_entries.register(NavigationEntry(label, url_name, roles), order=order)
