from pathlib import Path

from django.core.management.base import BaseCommand

from districts.reference_data import REFERENCE_DATA_FILE, load_reference_data


class Command(BaseCommand):
    help = "Load municipalities, districts, indicators and service areas from the seeds (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=REFERENCE_DATA_FILE, help="JSON file to load.")

    def handle(self, *args, file: Path, **options):
        summary = load_reference_data(file)
        created = sum(summary.created.values())
        updated = sum(summary.updated.values())
        self.stdout.write(f"Referenzdaten geladen: {created} neu angelegt, {updated} aktualisiert.")
