"""The report worker as it runs in production: a separate process on the same database. It is
killed in the middle of a run (the run is failed after its heartbeat stops and starts again with
one click), and its database goes away for a few seconds (it waits and goes on)."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import psutil
import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from demo.benchmark import pump
from districts.models import Municipality
from reports import services
from reports.models import ReportRun, RunStatus
from sozialraum.models import WorkerHeartbeat
from sozialraum.periods import period_of
from tests.helpers import database_url_of_the_tests

ROOT = Path(__file__).resolve().parents[2]


def worker(*arguments: str, url: str = "") -> subprocess.Popen:
    environment = {
        **os.environ,
        "DATABASE_URL": url or database_url_of_the_tests(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REPORT_HEARTBEAT_SECONDS": "1",
        "SECRET_KEY": "worker-test",
    }
    command = [sys.executable, "manage.py", "report_worker", "--no-startup-delay", "--interval", "0.2", *arguments]
    return subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def wait_for(run: ReportRun, status: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.status == status:
            return
        time.sleep(0.05)
    pytest.fail(f"run stayed {run.status}, expected {status}: {run.error}")


def request_run(planner) -> ReportRun:
    ulm = Municipality.objects.get(slug="ulm")
    period = period_of("year", 2025)
    return services.request_report(planner, ulm, ulm.districts.all(), period, ["cases"], {})


@pytest.mark.django_db(transaction=True)
def test_a_killed_worker_leaves_a_failed_run_that_starts_again(client, planner, ulm_cases, settings):
    settings.REPORT_STALE_SECONDS = 3
    run = request_run(planner)
    process = worker()
    try:
        wait_for(run, RunStatus.RUNNING)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING  # nobody is left to say otherwise …
    time.sleep(settings.REPORT_STALE_SECONDS + 1)
    client.force_login(planner)
    page = client.get(run.get_absolute_url()).content.decode()  # … until the page asks
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "Der Worker hat beim Erstellen dieses Berichts aufgehört" in page
    assert "every 2s" not in page  # the page stops polling
    assert "Erneut starten" in page

    response = client.post(reverse("reports:run_restart", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    finished = worker("--batch")
    try:
        assert finished.wait(timeout=120) == 0
    finally:
        finished.kill()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error


class DatabaseOutage:
    """A TCP proxy on loopback in front of the test server's socket. `outage()` does to the
    worker what a database restart does: open connections are cut, new ones are refused for a
    while (the shared test server itself cannot be stopped), then the database is back."""

    def __init__(self, socket_path: str) -> None:
        self.socket_path = socket_path
        self.open: list[socket.socket] = []
        self.listener = self.listen(0)
        self.port = self.listener.getsockname()[1]

    def listen(self, port: int) -> socket.socket:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        threading.Thread(target=self.accept, args=(listener,), daemon=True).start()
        return listener

    def accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # the listener was closed: the outage began
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.connect(self.socket_path)
            self.open += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=pump, args=(source, target), daemon=True).start()

    def stop_listening(self) -> None:
        # shutdown() wakes the thread blocked in accept(); close() alone would leave it listening.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()

    def outage(self, seconds: float) -> None:
        self.stop_listening()
        for end in self.open:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
                end.close()
        self.open = []
        time.sleep(seconds)
        self.listener = self.listen(self.port)

    def close(self) -> None:
        self.stop_listening()


@pytest.mark.django_db(transaction=True)
def test_the_worker_survives_a_database_restart(planner, ulm_cases):
    """Connections cut and refused for 4 s: db_worker ends with OperationalError, ours goes on."""
    database = connection.settings_dict
    folder = database["HOST"] or database["OPTIONS"].get("host", "")
    proxy = DatabaseOutage(f"{folder}/.s.PGSQL.{database['PORT'] or 5432}")
    process = worker(url=f"postgres://{quote(database['USER'])}@127.0.0.1:{proxy.port}/{database['NAME']}")
    try:
        deadline = time.monotonic() + 60
        while not proxy.open and time.monotonic() < deadline:  # start-up takes seconds on a busy machine
            time.sleep(0.1)
        assert proxy.open, "the worker did not connect through the proxy"
        time.sleep(0.5)  # polling through the proxy
        proxy.outage(seconds=4)
        assert process.poll() is None, process.stdout.read().decode() if process.stdout else ""
        run = request_run(planner)
        wait_for(run, RunStatus.DONE, seconds=60)
    finally:
        process.send_signal(signal.SIGTERM)
        output = process.communicate(timeout=30)[0].decode()
        proxy.close()
    assert "Datenbank nicht erreichbar" in output, output  # it noticed, waited and reconnected


def child_of(supervisor: subprocess.Popen, other_than: int | None = None, seconds: float = 30) -> psutil.Process:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        children = [child for child in psutil.Process(supervisor.pid).children() if child.pid != other_than]
        if children:
            return children[0]
        time.sleep(0.1)
    pytest.fail("the supervisor started no worker")


@pytest.mark.django_db(transaction=True)
def test_the_supervisor_starts_a_killed_worker_again_and_stops_it_with_itself(client, planner, ulm_cases):
    supervisor = worker("--supervise")
    try:
        first = child_of(supervisor)
        deadline = time.monotonic() + 60
        while not WorkerHeartbeat.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        first.kill()  # e.g. the kernel's out-of-memory killer, after its first sign of life
        second = child_of(supervisor, other_than=first.pid)
        run = request_run(planner)
        wait_for(run, RunStatus.DONE, seconds=60)
        assert client.get(reverse("health_ready")).json()["checks"]["worker"] == "ok"  # its heartbeat
    finally:
        supervisor.send_signal(signal.SIGTERM)
        output = supervisor.communicate(timeout=30)[0].decode()
    assert "Berichts-Worker beendet (Code -9); Neustart in" in output
    assert not second.is_running() or second.status() == psutil.STATUS_ZOMBIE
    # The killed worker's sign of life ages out; the one stopped cleanly took its own away.
    assert WorkerHeartbeat.objects.count() == 1
