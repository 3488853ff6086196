"""The demo data of every app, from the app that sits on top of all others (DESIGN §3)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.build import create_demo
from demo.staff import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Create demonstration teams, users for every role and fictitious cases (needs DEBUG, or --force)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Create demo users even with DEBUG off (never on a live system)."
        )

    def handle(self, *args, force: bool, **options):
        if not (settings.DEBUG or force):
            raise CommandError("DEBUG ist aus: Demo-Benutzer mit bekanntem Passwort werden nur mit --force angelegt.")
        new = create_demo()
        created = f"{new.users} Benutzer, {new.partners} Partner und {new.cases} Fälle"
        self.stdout.write(f"Demodaten bereit ({created} neu angelegt).")
        self.stdout.write("")
        self.stdout.write(f"Demo-Anmeldungen (Passwort für alle: {DEMO_PASSWORD}):")
        for username, description in demo_logins():
            self.stdout.write(f"  {username:<30} {description}")
