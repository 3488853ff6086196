from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from districts.demo import DEMO_PASSWORD, create_demo_data, demo_logins


class Command(BaseCommand):
    help = "Create demonstration teams and users for every role (needs DEBUG, or --force)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Create demo users even with DEBUG off (never on a live system)."
        )

    def handle(self, *args, force: bool, **options):
        if not (settings.DEBUG or force):
            raise CommandError("DEBUG ist aus: Demo-Benutzer mit bekanntem Passwort werden nur mit --force angelegt.")
        created = create_demo_data()
        self.stdout.write(f"Demodaten bereit ({created} Benutzer neu angelegt).")
        self.stdout.write("")
        self.stdout.write(f"Demo-Anmeldungen (Passwort für alle: {DEMO_PASSWORD}):")
        for username, description in demo_logins():
            self.stdout.write(f"  {username:<30} {description}")
