"""Time reading and importing a large roster file: `python manage.py benchmark_roster_import --rows 10000`.

Runs against the first network inside a transaction that is rolled back, so nothing stays behind.
(The test suite checks the import on 2,000 rows; the scale lives here.)"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from networks.constants import ROSTER_COLUMNS
from networks.models import Network
from networks.roster_import import import_roster, read_roster


class Rollback(Exception):
    pass


def roster_csv(rows: int) -> bytes:
    lines = [";".join(ROSTER_COLUMNS)] + [
        f"Feld {number};Person {number};0731 {number:05d};Vertretung {number};0731 9{number:05d}"
        for number in range(rows)
    ]
    return "\n".join(lines).encode("utf-8")


class Command(BaseCommand):
    help = "Read and import a generated roster file of --rows rows and report the times."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)

    def handle(self, *args, rows: int, **options):
        network = Network.objects.order_by("pk").first()
        if network is None:
            raise CommandError("Kein Netzwerk: zuerst `manage.py demo_data` ausführen.")
        data = roster_csv(rows)
        started = time.perf_counter()
        checked = read_roster("roster.csv", data)
        read = time.perf_counter() - started
        try:
            with transaction.atomic():
                started = time.perf_counter()
                imported = import_roster(network, checked)
                written = time.perf_counter() - started
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(
            f"{rows} Zeilen ({len(data) // 1024} KB): gelesen und geprüft in {read:.2f} s, "
            f"{imported} Mitglieder importiert in {written:.2f} s (zurückgerollt)"
        )
