from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Network")

    def ready(self):
        from networks import search_provider
        from networks.home import my_networks_context
        from sozialraum.navigation import NavigationEntry, navigation_entries
        from sozialraum.roles import DIRECTORY_EDITOR_ROLES, DIRECTORY_READER_ROLES
        from sozialraum.search import SearchProvider, search_providers
        from sozialraum.views import HomeSection, home_sections

        home_sections.register(
            HomeSection("networks/home_my_networks.html", my_networks_context, DIRECTORY_EDITOR_ROLES), order=20
        )

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
        for order, (title, find) in enumerate(
            [
                (_("Partners"), search_provider.find_partners),
                (_("Contact persons"), search_provider.find_contacts),
                (_("Networks"), search_provider.find_networks),
                (_("Offers"), search_provider.find_offers),
            ],
            start=30,
        ):
            search_providers.register(SearchProvider(title, DIRECTORY_READER_ROLES, find), order=order)
