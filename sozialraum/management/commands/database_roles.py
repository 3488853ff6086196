"""Print (or apply) what a server of one's own needs for the two database roles."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sozialraum.db_roles import (
    APP_ROLE,
    OWNER_ROLE,
    app_role,
    as_owner,
    grant_app_privileges,
    grant_statements,
    owner_credentials,
    role_statements,
)


class Command(BaseCommand):
    help = "Prints the SQL for the owner and app roles; --apply grants the app role its rights as the owner."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Run the GRANTs now (needs DATABASE_OWNER_URL).")

    def handle(self, *args, apply=False, **options):
        database = connection.settings_dict["NAME"]
        role = app_role(connection)
        if apply:
            if not owner_credentials():
                raise CommandError(
                    "DATABASE_OWNER_URL ist nicht gesetzt: die Rechte vergibt der Eigentümer der Tabellen."
                )
            with as_owner() as owner_connection:
                grant_app_privileges(owner_connection, role)
            self.stdout.write(f"Rechte für {role} auf {database} vergeben.")
            return
        owner = (owner_credentials() or {}).get("USER") or OWNER_ROLE
        if role == owner:  # one role configured so far: suggest the two
            role = APP_ROLE
        self.stdout.write("-- 1. Einmal als Superuser (Passwörter einsetzen):")
        for statement in role_statements(database, owner, role):
            self.stdout.write(statement + ";")
        self.stdout.write(
            f"-- 2. DATABASE_URL=postgres://{role}:…@HOST/{database}  DATABASE_OWNER_URL=postgres://{owner}:…@HOST/{database}\n"
            f"-- 3. `manage.py migrate` (als Eigentümer) vergibt danach selbst, als {owner} in {database}:"
        )
        for statement in grant_statements(database, role):
            self.stdout.write(statement + ";")
