"""The demo data of every app, from the app that sits on top of all others (DESIGN §3)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.demo import create_demo_cases
from districts.demo import DEMO_PASSWORD, create_demo_data, demo_logins
from meetings.demo import create_demo_meetings
from networks.demo import create_demo_network_data


class Command(BaseCommand):
    help = "Create demonstration teams, users for every role and fictitious cases (needs DEBUG, or --force)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Create demo users even with DEBUG off (never on a live system)."
        )

    def handle(self, *args, force: bool, **options):
        if not (settings.DEBUG or force):
            raise CommandError("DEBUG ist aus: Demo-Benutzer mit bekanntem Passwort werden nur mit --force angelegt.")
        created_users = create_demo_data()
        created_partners = create_demo_network_data()
        created_cases = create_demo_cases()
        create_demo_meetings()
        created = f"{created_users} Benutzer, {created_partners} Partner und {created_cases} Fälle"
        self.stdout.write(f"Demodaten bereit ({created} neu angelegt).")
        self.stdout.write("")
        self.stdout.write(f"Demo-Anmeldungen (Passwort für alle: {DEMO_PASSWORD}):")
        for username, description in demo_logins():
            self.stdout.write(f"  {username:<30} {description}")
