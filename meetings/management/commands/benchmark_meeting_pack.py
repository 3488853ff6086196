"""Time the meeting pack PDF for a meeting with 12 cases: `python manage.py benchmark_meeting_pack`.

Works on the demo data inside a transaction that is rolled back, so nothing stays behind."""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.models import Case
from meetings import services
from meetings.documents import meeting_context
from meetings.models import Meeting
from sozialraum.pdf import render_pdf


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Render the meeting pack of a meeting with 12 consulted cases and report the time."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=12)
        parser.add_argument("--runs", type=int, default=3)

    def handle(self, *args, cases: int, runs: int, **options):
        meeting = Meeting.objects.filter(team__isnull=False, status="planned").order_by("date").first()
        if meeting is None:
            raise CommandError("Keine geplante Sitzung: zuerst `manage.py demo_data` ausführen.")
        timings = []
        try:
            with transaction.atomic():
                for case in Case.objects.filter(team=meeting.team).order_by("reference")[:cases]:
                    proposal = services.propose_case(case.caseworker, case, "Welche Ressourcen seht ihr im Quartier?")
                    services.put_on_agenda(meeting, proposal)
                for _ in range(runs):
                    started = time.perf_counter()
                    pdf = render_pdf("meetings/meeting_pack_pdf.html", meeting_context(meeting, for_document=True), "/")
                    timings.append(time.perf_counter() - started)
                raise Rollback
        except Rollback:
            pass
        self.stdout.write(
            f"Sitzungsmappe mit {cases} Fällen: Median {statistics.median(timings):.2f} s, "
            f"max {max(timings):.2f} s über {runs} Läufe ({len(pdf)} Bytes)"
        )
