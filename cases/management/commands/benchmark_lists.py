"""Time the case worker's lists as a user sees them: `python manage.py benchmark_lists fk-styrum-sgb2`."""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings

from cases.models import Activity, Case

# (label, address, name search kept in the session or None)
PAGES = [
    ("Fallliste", "/faelle/", None),
    ("Fallliste, offen, Thema Wohnen", "/faelle/?status=open&topic=housing", None),
    ("Fallliste, Seite 20", "/faelle/?page=20", None),
    ("Fallliste, Namenssuche „Müller“", "/faelle/", "Müller"),
    ("Tätigkeiten", "/taetigkeiten/", None),
    ("Meine Arbeit", "/", None),
]


class Command(BaseCommand):
    help = "Measure response times of the case list, the work log and Meine Arbeit."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--runs", type=int, default=10)

    @override_settings(ALLOWED_HOSTS=["*"], DEBUG=True)
    def handle(self, *args, username: str, runs: int, **options):
        user = get_user_model().objects.get(username=username)
        client = Client()
        client.force_login(user)
        self.stdout.write(
            f"{Case.objects.count()} Fälle, {Activity.objects.count()} Tätigkeiten; "
            f"{Case.objects.visible_to(user).count()} für {username} sichtbar; {runs} Läufe je Seite"
        )
        for label, url, name_search in PAGES:
            posted = client.post("/faelle/", {"name": name_search} if name_search else {"clear_name": "1"})
            if name_search:  # the list applies the name while its token is in the address
                url = posted["Location"]
            if client.get(url).status_code == 404:  # warm-up; a page number beyond the data
                self.stdout.write(f"  {label:<34} (keine solche Seite bei diesen Daten)")
                continue
            timings, queries = [], 0
            for _ in range(runs):
                reset_queries()
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                queries = len(connection.queries)
                assert response.status_code == 200, (url, response.status_code)
            self.stdout.write(
                f"  {label:<34} Median {statistics.median(timings):7.1f} ms  "
                f"max {max(timings):7.1f} ms  {queries} Abfragen"
            )
