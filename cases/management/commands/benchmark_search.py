"""Time the name search and the top bar's search as a caseworker uses them:
`python manage.py benchmark_search fk-styrum-sgb2` (after `generate_load_data`).

Prints the median and maximum per search term and whether PostgreSQL reads the persons table
as a whole anywhere (it must not: the name indexes serve the search)."""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings

from cases.models import Case, Person
from cases.queries import filter_by_name, matching_persons
from networks.models import Offer

NAME_TERMS = ["Muller", "Hetner", "Schmit", "Prushke", "Kowalsky", "Jonas Becker"]
GLOBAL_TERMS = ["Muller", "Hetner", "Beratung", "fruehstueck", "Diakonie", "STY-2026-01"]


class Command(BaseCommand):
    help = "Measure the case list's name search and the global search (median and max over --runs)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--runs", type=int, default=10)

    def timed(self, runs, request) -> tuple[float, float, int]:
        request()  # warm-up
        timings, queries = [], 0
        for _ in range(runs):
            reset_queries()
            started = time.perf_counter()
            request()
            timings.append((time.perf_counter() - started) * 1000)
            queries = len(connection.queries)
        return statistics.median(timings), max(timings), queries

    def report(self, label, median, maximum, queries):
        self.stdout.write(f"  {label:<44} Median {median:7.1f} ms  max {maximum:7.1f} ms  {queries} Abfragen")

    @override_settings(ALLOWED_HOSTS=["*"], DEBUG=True)
    def handle(self, *args, username: str, runs: int, **options):
        user = get_user_model().objects.get(username=username)
        client = Client()
        client.force_login(user)
        self.stdout.write(
            f"{Case.objects.count()} Fälle, {Person.objects.count()} Personen, {Offer.objects.count()} Angebote; "
            f"{Case.objects.visible_to(user).count()} Fälle für {username} sichtbar; {runs} Läufe je Suche"
        )
        self.stdout.write("Namenssuche in der Fallliste (Seite mit 50 Fällen):")
        for term in NAME_TERMS:
            location = client.post("/faelle/", {"name": term})["Location"]
            found = filter_by_name(Case.objects.visible_to(user), term, user).count()
            median, maximum, queries = self.timed(runs, lambda url=location: client.get(url))
            self.report(f"„{term}“ ({found} Treffer)", median, maximum, queries)
        self.stdout.write("Suche in der Kopfzeile (Ergebnisseite, alle Gruppen):")
        for term in GLOBAL_TERMS:
            location = client.post("/suche/", {"q": term})["Location"]
            median, maximum, queries = self.timed(runs, lambda url=location: client.get(url))
            self.report(f"„{term}“", median, maximum, queries)
        self.stdout.write("Aufklappliste unter dem Suchfeld:")
        for term in GLOBAL_TERMS[:3]:
            median, maximum, queries = self.timed(runs, lambda q=term: client.post("/suche/vorschau/", {"q": q}))
            self.report(f"„{term}“", median, maximum, queries)
        plans = {
            "Namenssuche der Fallliste": filter_by_name(Case.objects.visible_to(user), "Hetner", user).explain(
                analyze=True
            ),
            "Personen der Kopfzeilensuche": matching_persons(
                "Hetner",
                Person.objects.filter(case__in=Case.objects.visible_to(user).values("pk")),
                within=Case.objects.in_scope_of(user),
            ).explain(analyze=True),
        }
        for label, plan in plans.items():
            scan = "Seq Scan on cases_person" in plan
            indexes = sorted({word for word in plan.replace("(", " ").split() if word.startswith("person_")})
            executed = next((line.strip() for line in plan.splitlines() if "Execution Time" in line), "")
            self.stdout.write(
                f"{label}: {'liest ALLE Personen (Seq Scan)' if scan else 'kein Seq Scan auf Personen'}; "
                f"Indizes: {', '.join(indexes) or '–'}; {executed}"
            )
