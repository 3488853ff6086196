"""The project's page benchmark: every key page per role at 1 % and at city scale, in one run.

    .venv/bin/python manage.py benchmark_pages --build     # once: both databases (a few minutes)
    .venv/bin/python manage.py benchmark_pages             # p50/p95 per page, ratio, throughput

It starts one gunicorn (production settings, `--workers` sync workers) per database, signs in as
a generated caseworker, a team lead, the planner, the network coordinator and the data
protection officer, requests each page `--runs` times per scale in turns, and prints p50 and
p95 in ms, the ratio of the p95s and the SQL statements per request (from the request log).
Then the throughput of the case list and "Meine Arbeit" at city scale against the framework's
floor: a signed-in request through the whole middleware stack that renders nothing
(`/health/live` with the session cookie). `--compare REF` serves the city database a second
time with the code of another commit (a git worktree) and measures both in turns: before and
after a change in one run, which the machine's changing speed does not falsify."""

import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from demo import benchmark
from demo.benchmark import Client, Database, Server, median, percentile
from demo.staff import DEMO_PASSWORD

SCALES = ("1pct", "city")


@dataclass(frozen=True)
class Page:
    role: str
    label: str
    path: str
    post: dict | None = None
    htmx: bool = False
    expect: str = ""  # text the answer must contain (a form with errors is no measurement)


class Command(BaseCommand):
    help = "Measure the key pages at 1 % and at city scale, interleaved, and the throughput against the floor."

    def add_arguments(self, parser):
        parser.add_argument("--build", action="store_true", help="Create both databases anew first.")
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers per server.")
        parser.add_argument("--seconds", type=float, default=8, help="Length of each throughput measurement.")
        parser.add_argument("--concurrency", type=int, default=4, help="Parallel clients for the throughput.")
        parser.add_argument("--only", default="", help="Measure only pages whose label contains this text.")
        parser.add_argument("--throughput-only", action="store_true", help="Measure the throughput, no page times.")
        parser.add_argument(
            "--compare",
            metavar="REF",
            default="",
            help="Also serve the city database with the code of this commit and measure both throughputs in turns.",
        )

    def handle(self, *args, build, runs, workers, seconds, concurrency, only, throughput_only, compare, **options):
        databases = {scale: benchmark.bench_database(scale) for scale in SCALES}
        for scale, database in databases.items():
            if build or not database.exists():
                benchmark.build(database, scale, self.stdout.write)
            else:
                benchmark.migrate(database)
        benchmark.collect_static()
        with tempfile.TemporaryDirectory() as logs:
            servers = {
                scale: Server(database, workers, Path(logs), report_worker=not throughput_only)
                for scale, database in databases.items()
            }
            try:
                pages = {scale: self.pages(database) for scale, database in databases.items()}
                clients = {scale: self.sign_in(server.port, pages[scale]) for scale, server in servers.items()}
                if not throughput_only:
                    self.latency(servers, clients, pages, runs, only)
                if compare:
                    with benchmark.worktree(compare) as tree:
                        other = Server(databases["city"], workers, Path(logs), tree=tree)
                        try:
                            other_clients = self.sign_in(other.port, pages["city"])
                            self.throughput({compare: other_clients, "HEAD": clients["city"]}, seconds, concurrency)
                        finally:
                            other.stop()
                elif throughput_only or not only:
                    self.throughput({"": clients["city"]}, seconds, concurrency)
            finally:
                for server in servers.values():
                    server.stop()

    def pages(self, database: Database) -> list[Page]:
        """The pages, with the ids they need looked up in this database."""
        (team_id,) = database.query("SELECT id FROM districts_team WHERE name = 'Lastteam 1'")[0]
        (busy_case,) = database.query(
            "SELECT c.reference FROM cases_case c JOIN auth_user u ON u.id = c.caseworker_id "
            "WHERE u.username = 'last-fk-0001' "
            "ORDER BY (SELECT count(*) FROM cases_activity a WHERE a.case_id = c.id) DESC LIMIT 1"
        )[0]
        # The work log's last page: the cursor of the entry 50 rows before the oldest.
        day, pk = database.query(
            "SELECT a.date, a.id FROM cases_activity a JOIN auth_user u ON u.id = a.user_id "
            "WHERE u.username = 'last-fk-0001' ORDER BY a.date, a.id OFFSET 50 LIMIT 1"
        )[0]
        year = date.today().year - 1
        (ulm,) = database.query("SELECT id FROM districts_municipality WHERE slug = 'ulm'")[0]
        return [
            Page("last-fk-0001", "Meine Arbeit", "/"),
            Page("last-fk-0001", "Meine Aufgaben", "/aufgaben/"),
            Page("last-fk-0001", "Fallliste", "/faelle/"),
            Page("last-fk-0001", "Fallliste nach Status", "/faelle/?ordering=status"),
            Page("last-fk-0001", "Fallliste, offen, Seite 3", "/faelle/?status=open&page=3"),
            Page("last-fk-0001", "Namenssuche „Müller“", "/faelle/", post={"name": "Müller"}, expect="Müller"),
            Page("last-fk-0001", "Fallseite, Fall mit vielen Tätigkeiten", f"/faelle/{busy_case}/"),
            Page("last-fk-0001", "Tätigkeit erfassen (htmx-Dialog)", "/taetigkeiten/neu/", htmx=True),
            Page("last-fk-0001", "Tätigkeiten, erste Seite", "/taetigkeiten/"),
            Page("last-fk-0001", "Tätigkeiten, letzte Seite", f"/taetigkeiten/?aelter_als={day.isoformat()}_{pk}"),
            Page("last-fk-0001", "Suche oben „Müller“", "/suche/", post={"q": "Müller"}, expect="Müller"),
            Page("last-leitung-01", "Teamleitung: Start", "/"),
            Page("last-leitung-01", "Teamleitung: Arbeitszahlen", f"/teams/{team_id}/arbeit/"),
            Page(
                "planung",
                "Planung: Berichtsvorschau anfordern und zeigen",
                "/berichte/",
                post={"municipality": ulm, "period_kind": "year", "year": year, "action": "preview"}
                | {"sections": ["profile", "cases", "work", "network", "meetings"]},
                expect='id="preview-heading"',
            ),
            Page("planung", "Planung: Start", "/"),
            Page("netzwerk", "Netzwerk: Partner", "/partner/"),
            Page("datenschutz", "Datenschutz: Protokoll", "/datenschutz/protokoll/"),
        ]

    def sign_in(self, port: int, pages: list[Page]) -> dict[str, Client]:
        return {role: Client(port).sign_in(role, DEMO_PASSWORD) for role in dict.fromkeys(page.role for page in pages)}

    def fetch(self, client: Client, page: Page) -> benchmark.Response:
        if page.post is not None and page.path == "/berichte/":
            return self.preview(client, page)
        if page.post is not None:  # the name searches: POST, then the results it leads to
            answer = client.post(page.path, page.post)
            return client.get(answer.headers.get("location", page.path)) if answer.status == 302 else answer
        return client.get(page.path, {"HX-Request": "true"} if page.htmx else None)

    def preview(self, client: Client, page: Page) -> benchmark.Response:
        """The report's preview: the request that asks for it and the page it leads to are timed;
        the worker's figures are waited for untimed (so they do not weigh on the next page's
        time) and reported from the worker's log after the table."""
        asked = client.post(page.path, page.post)
        if asked.status != 302:
            return asked
        shown = client.get(asked.headers["location"])
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            polled = client.get(asked.headers["location"], {"HX-Request": "true"})
            if polled.status != 200 or b"hx-get" not in polled.body:
                break
            time.sleep(0.05)
        if b'id="table-faelle_eroeffnet"' not in polled.body:
            raise CommandError(f"Die Vorschau wurde nicht fertig: HTTP {polled.status}, {polled.body[:300]!r}")
        return benchmark.Response(shown.status, shown.headers, shown.body, asked.seconds + shown.seconds)

    def latency(self, servers, clients, pages, runs: int, only: str) -> None:
        self.stdout.write(
            f"{'Seite':<44} {'1 % p50':>8} {'p95':>7} {'Stadt p50':>10} {'p95':>7} {'Verh.':>6}  SQL 1 %/Stadt"
        )
        for number, page in enumerate(pages["1pct"]):
            if only and only not in page.label:
                continue
            timings = {scale: [] for scale in SCALES}
            request_ids = {scale: set() for scale in SCALES}
            for run in range(runs + 3):
                order = SCALES if run % 2 == 0 else SCALES[::-1]
                for scale in order:
                    scale_page = pages[scale][number]
                    answer = self.fetch(clients[scale][scale_page.role], scale_page)
                    if answer.status != 200 or scale_page.expect.encode() not in answer.body:
                        raise CommandError(f"{page.label} ({scale}): HTTP {answer.status}, {len(answer.body)} Bytes")
                    if run >= 3:  # the first requests warm the caches of each worker
                        timings[scale].append(answer.seconds * 1000)
                        request_ids[scale].add(answer.headers.get("x-request-id"))
            queries = {}
            for scale in SCALES:
                counts = servers[scale].sql_queries()
                queries[scale] = max((counts.get(request_id, 0) for request_id in request_ids[scale]), default=0)
            small, city = (percentile(timings[scale], 0.95) for scale in SCALES)
            self.stdout.write(
                f"{page.label:<44} {median(timings['1pct']):8.0f} {small:7.0f} {median(timings['city']):10.0f} "
                f"{city:7.0f} {city / small:5.1f}×  {queries['1pct']}/{queries['city']}"
            )
        # (without the first three, as above: they warm the worker)
        worker = {scale: servers[scale].task_milliseconds("compute_preview")[3:] for scale in SCALES}
        if all(worker.values()):
            small, city = (percentile(worker[scale], 0.95) for scale in SCALES)
            label = "  dazu im Berichts-Worker: Vorschau rechnen"
            self.stdout.write(
                f"{label:<44} {median(worker['1pct']):8.0f} {small:7.0f} {median(worker['city']):10.0f} "
                f"{city:7.0f} {city / small:5.1f}×  ({len(worker['1pct'])}/{len(worker['city'])} Läufe)"
            )

    def throughput(self, trees: dict[str, dict[str, Client]], seconds: float, concurrency: int) -> None:
        """Requests per second at city scale against the floor; with several code trees (--compare)
        each target is measured for every tree in turns, so a slower minute of the machine hits both."""
        targets = [
            ("Boden: angemeldet, ohne Seite (/health/live)", "/health/live"),
            ("Fallliste", "/faelle/"),
            ("Meine Arbeit", "/"),
        ]
        self.stdout.write(
            f"\nDurchsatz bei Stadtgröße, {concurrency} parallele Clients, je {seconds:.0f} s, zwei Runden im Wechsel:"
        )
        results = {(tree, label): [] for tree in trees for label, _ in targets}
        for round_number in range(2):
            for label, path in targets:
                for tree in list(trees) if round_number % 2 == 0 else list(trees)[::-1]:
                    caseworker = trees[tree]["last-fk-0001"]
                    rate, errors = benchmark.throughput(
                        lambda path=path, caseworker=caseworker: caseworker.get(path), seconds, concurrency
                    )
                    if errors:
                        raise CommandError(f"{label} {tree}: {errors} Fehler bei der Durchsatzmessung")
                    results[tree, label].append(rate)
        for tree in trees:
            floor = sum(results[tree, targets[0][0]]) / 2
            for label, _ in targets:
                rates = results[tree, label]
                mean = sum(rates) / len(rates)
                shown = f"{label} ({tree})" if tree else label
                each = f"({rates[0]:.0f}, {rates[1]:.0f})"
                self.stdout.write(f"  {shown:<58} {mean:6.0f} Anfragen/s {each}  {mean / floor:4.0%} des Bodens")
