"""Several machines, proven on one: two gunicorn instances and two report workers against one
PostgreSQL, behind a small load balancer; a mixed load of reads and writes; one app instance
and one worker killed (SIGKILL) in the middle.

    .venv/bin/python manage.py scale_out_check            # 2 minutes, on the 1 % benchmark database

It prints: writes acknowledged and found in the database (each exactly once), report runs
requested and finished, and when the errors happened relative to the kill. The balancer
retries a request on the other instance only when the connection to an instance cannot be
opened (like nginx's `proxy_next_upstream error`); a request already sent to the killed
instance fails, as it would behind nginx."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from demo import benchmark
from demo.benchmark import BASE_DIR, Client, Server, pump
from demo.staff import DEMO_PASSWORD

CASEWORKERS = ["last-fk-0001", "last-fk-0002", "last-fk-0003", "last-fk-0004"]


class Balancer:
    """Round robin over TCP backends; a backend that refuses the connection is skipped."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = ports
        self.turn = 0
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(client,), daemon=True).start()

    def backend(self) -> socket.socket | None:
        with self.lock:
            self.turn += 1
            order = self.ports[self.turn % len(self.ports) :] + self.ports[: self.turn % len(self.ports)]
        for port in order:
            try:
                return socket.create_connection(("127.0.0.1", port), timeout=60)
            except OSError:
                continue
        return None

    def serve(self, client: socket.socket) -> None:
        upstream = self.backend()
        if upstream is None:
            client.close()
            return

        forward = threading.Thread(target=pump, args=(client, upstream), daemon=True)
        forward.start()
        pump(upstream, client)
        forward.join()
        client.close()
        upstream.close()

    def close(self) -> None:
        self.listener.close()


class Command(BaseCommand):
    help = "Two app instances and two workers behind a balancer; kill one of each under load; check nothing is lost."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=120)
        parser.add_argument("--clients", type=int, default=4, help="Caseworkers writing and reading in parallel.")

    def handle(self, *args, seconds: float, clients: int, **options):
        database = benchmark.bench_database("1pct")
        if not database.exists():
            raise CommandError("Zuerst `manage.py benchmark_pages --build` ausführen (legt die Datenbank an).")
        benchmark.migrate(database)
        marker = uuid.uuid4().hex[:8]
        # (the district of the caseworkers' team: work is logged only for one's own municipality)
        (district_id,) = database.query(
            "SELECT t.district_id FROM districts_team t JOIN districts_membership m ON m.team_id = t.id "
            "JOIN auth_user u ON u.id = m.user_id WHERE u.username = %s ORDER BY t.id LIMIT 1",
            [CASEWORKERS[0]],
        )[0]
        (ulm,) = database.query("SELECT id FROM districts_municipality WHERE slug = 'ulm'")[0]
        benchmark.collect_static()
        with tempfile.TemporaryDirectory() as logs:
            servers = [Server(database, 2, Path(logs)) for _ in range(2)]
            worker_environment = os.environ | database.environment() | {"DEBUG": "true", "REPORT_STALE_SECONDS": "15"}
            workers = [
                subprocess.Popen(
                    [sys.executable, str(BASE_DIR / "manage.py"), "report_worker"],
                    env=worker_environment,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for _ in range(2)
            ]
            balancer = Balancer([server.port for server in servers])
            try:
                self.run_load(balancer.port, servers, workers, seconds, clients, marker, district_id, ulm, database)
            finally:
                balancer.close()
                for worker in workers:
                    worker.kill()
                for server in servers:
                    if server.process.poll() is None:
                        server.stop()

    def run_load(self, port, servers, workers, seconds, clients, marker, district_id, ulm, database) -> None:
        started = time.monotonic()
        deadline = started + seconds
        kill_at = started + seconds / 2
        acknowledged: list[str] = []
        runs: list[str] = []
        outcomes: list[tuple[float, str, int]] = []  # (seconds since start, what, status)
        lock = threading.Lock()

        def record(what: str, status: int) -> None:
            with lock:
                outcomes.append((time.monotonic() - started, what, status))

        def caseworker(username: str) -> None:
            client = Client(port).sign_in(username, DEMO_PASSWORD)
            number = 0
            while time.monotonic() < deadline:
                number += 1
                note = f"Lastprobe {marker} {username} {number}"
                answer = client.post(
                    "/taetigkeiten/neu/",
                    {
                        "date": date.today().isoformat(),
                        "minutes": "30",
                        "kind": "non_case",
                        "activity_type": "network_meeting",
                        "district": district_id,
                        "note": note,
                    },
                )
                record("write", answer.status)
                if answer.status == 302:
                    with lock:
                        acknowledged.append(note)
                for path in ("/faelle/", "/"):
                    record("read", client.get(path).status)

        def planner() -> None:
            client = Client(port).sign_in("planung", DEMO_PASSWORD)
            while time.monotonic() < deadline:
                answer = client.post(
                    "/berichte/",
                    {"municipality": ulm, "period_kind": "year", "year": date.today().year - 1}
                    | {"sections": ["cases", "work"], "action": "generate"},
                )
                record("report", answer.status)
                if answer.status == 302 and "/laeufe/" in answer.headers.get("location", ""):
                    with lock:
                        runs.append(answer.headers["location"].rstrip("/").rsplit("/", 1)[1])
                time.sleep(5)

        threads = [threading.Thread(target=caseworker, args=(CASEWORKERS[n % 4],)) for n in range(clients)]
        threads.append(threading.Thread(target=planner))
        for thread in threads:
            thread.start()
        time.sleep(max(0.0, kill_at - time.monotonic()))
        killed_at = time.monotonic() - started
        self.kill_instance(servers[0])
        workers[0].send_signal(signal.SIGKILL)
        self.stdout.write(
            f"{killed_at:.1f} s: App-Instanz 1 (gunicorn samt Prozessen) und Worker 1 mit SIGKILL beendet"
        )
        for thread in threads:
            thread.join()
        self.report(database, marker, acknowledged, runs, outcomes, killed_at, port)

    def kill_instance(self, server: Server) -> None:
        """The master and its workers at once, as when a machine goes away."""
        children = subprocess.run(
            ["pgrep", "-P", str(server.process.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        for pid in [server.process.pid, *map(int, children)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        server.process.wait()

    def report(self, database, marker, acknowledged, runs, outcomes, killed_at, port) -> None:
        stored = Counter(
            note for (note,) in database.query("SELECT note FROM cases_activity WHERE note LIKE %s", [f"% {marker} %"])
        )
        lost = [note for note in acknowledged if stored[note] == 0]
        doubled = [note for note, count in stored.items() if count > 1]
        self.stdout.write(
            f"Schreibzugriffe bestätigt: {len(acknowledged)}, in der Datenbank: {sum(stored.values())}, "
            f"verloren: {len(lost)}, doppelt: {len(doubled)}"
        )
        # Runs the killed worker held are failed after REPORT_STALE_SECONDS; start them again, as a user would.
        planner = Client(port).sign_in("planung", DEMO_PASSWORD)
        deadline = time.monotonic() + 180
        restarted = 0
        while time.monotonic() < deadline:
            statuses = dict(
                database.query("SELECT id::text, status FROM reports_reportrun WHERE id::text = ANY(%s)", [runs])
            )
            for run, status in statuses.items():
                if status == "failed":
                    planner.post(f"/berichte/laeufe/{run}/neu-starten/", {})
                    restarted += 1
            if all(status == "done" for status in statuses.values()):
                break
            planner.get("/berichte/laeufe/")  # (the list fails runs without a heartbeat)
            time.sleep(2)
        statuses = Counter(
            status
            for (status,) in database.query("SELECT status FROM reports_reportrun WHERE id::text = ANY(%s)", [runs])
        )
        self.stdout.write(
            f"Berichtsläufe angefordert: {len(runs)}, fertig: {statuses.get('done', 0)} "
            f"(davon nach dem Ausfall des Workers neu gestartet: {restarted}), andere: "
            f"{ {key: value for key, value in statuses.items() if key != 'done'} }"
        )
        errors = [(moment, what, status) for moment, what, status in outcomes if status not in (200, 302)]
        if not acknowledged:  # (a load that wrote nothing proves nothing about lost writes)
            raise CommandError(
                "Kein Schreibzugriff bestätigt: die Last hat nichts geschrieben, die Prüfung gilt nicht."
            )
        self.stdout.write(
            f"Anfragen: {len(outcomes)}, Fehler: {len(errors)}"
            + (
                f", zwischen {min(m for m, _, _ in errors) - killed_at:+.2f} s und "
                f"{max(m for m, _, _ in errors) - killed_at:+.2f} s um den Abbruch "
                f"({Counter(f'{what} {status}' for _, what, status in errors)})"
                if errors
                else ""
            )
        )
