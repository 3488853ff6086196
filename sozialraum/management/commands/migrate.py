"""`migrate` as the owner of the tables; afterwards the app role gets its rights (sozialraum.db_roles)."""

from django.core.management.commands import migrate

from sozialraum.db_roles import app_role, as_owner, grant_app_privileges, owner_credentials


class Command(migrate.Command):
    def handle(self, *args, **options):
        with as_owner(options["database"]) as connection:
            super().handle(*args, **options)
            if owner_credentials() and not options["plan"] and not options["check_unapplied"]:
                grant_app_privileges(connection, app_role(connection))
