"""The report worker as it runs in production: a separate process on the same database. It is
killed in the middle of a run (the run is failed after its heartbeat stops and starts again with
one click), and its database connection is cut (it goes on). A database that stays unreachable
for a while (a real restart) is not simulated here: the shared test server cannot be stopped."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from districts.models import Municipality
from reports import services
from reports.models import ReportRun, RunStatus
from reports.period import period_of

ROOT = Path(__file__).resolve().parents[2]


def worker(*arguments: str) -> subprocess.Popen:
    database = connection.settings_dict
    host = database["HOST"] or database["OPTIONS"].get("host", "")
    url = f"postgres://{quote(database['USER'])}@/{database['NAME']}?host={quote(str(host))}"
    if database["PORT"]:
        url += f"&port={database['PORT']}"
    environment = {
        **os.environ,
        "DATABASE_URL": url,
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


@pytest.mark.django_db(transaction=True)
def test_the_worker_survives_losing_its_database_connection(planner, ulm_cases):
    process = worker()
    try:
        time.sleep(2)  # polling: its connection is open
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            assert cursor.fetchone()[0] >= 1
        time.sleep(1.5)
        assert process.poll() is None, process.stdout.read().decode() if process.stdout else ""
        run = request_run(planner)
        wait_for(run, RunStatus.DONE)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
