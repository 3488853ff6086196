"""Time and memory of a year's committee report: `python manage.py benchmark_report --municipality ulm`.

Measures building the figures (with the number of SQL queries), the PDF and the XLSX, and the
peak memory of this process. Run it after `generate_load_data` to see the report under load."""

import resource
import time

from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test.utils import override_settings
from django.utils import timezone

from cases.models import Activity, Case
from districts.models import Municipality
from reports.rendering import SECTIONS, build_report, render_pdf, render_xlsx
from sozialraum.periods import period_of


class Command(BaseCommand):
    help = "Measure the committee report for one municipality and year."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", default="ulm")
        parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)

    @override_settings(DEBUG=True)  # to count the queries
    def handle(self, *args, municipality: str, year: int, **options):
        town = Municipality.objects.get(slug=municipality)
        districts = town.districts.order_by("name")
        self.stdout.write(
            f"{Case.objects.count()} Fälle, {Activity.objects.count()} Tätigkeiten in der Datenbank; "
            f"Bericht {town.name} {year}, {districts.count()} Sozialräume"
        )
        reset_queries()
        started = time.perf_counter()
        context = build_report(town, districts, period_of("year", year), list(SECTIONS))
        figures = time.perf_counter()
        queries = len(connection.queries)
        pdf = render_pdf(context)
        rendered = time.perf_counter()
        xlsx = render_xlsx(context)
        finished = time.perf_counter()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"Zahlen {figures - started:.2f} s ({queries} SQL-Abfragen), PDF {rendered - figures:.2f} s "
            f"({len(pdf) // 1024} KB), XLSX {finished - rendered:.2f} s ({len(xlsx) // 1024} KB); "
            f"gesamt {finished - started:.2f} s; "
            f"Spitzenspeicher des Prozesses {peak_mb:.0f} MB"
        )
