"""Running it as a municipality does (issue 15): health endpoints for the load balancer, one
JSON log line per request without personal data, request ids shared with the proxy and the
audit trail, no mails in the logs."""

import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from demo.benchmark import free_port
from sozialraum.logs import JsonFormatter
from sozialraum.models import AuditEvent, WorkerHeartbeat
from tests.helpers import database_url_of_the_tests

ROOT = Path(__file__).resolve().parents[2]


def test_live_answers_without_login_and_says_nothing_else(client, db):
    response = client.get(reverse("health_live"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] and "Set-Cookie" not in response


def test_ready_needs_the_database_the_migrations_and_a_worker_seen_lately(client, db, settings):
    settings.REPORT_STALE_SECONDS = 60
    url = reverse("health_ready")
    response = client.get(url)
    assert response.status_code == 503
    assert response.json() == {
        "status": "not ready",
        "checks": {"database": "ok", "migrations": "ok", "worker": "stale"},
    }

    beat = WorkerHeartbeat.objects.create(worker_id="w1", seen_at=timezone.now())
    response = client.get(url)
    assert response.status_code == 200
    assert response.json()["status"] == "ready"

    WorkerHeartbeat.objects.filter(pk=beat.pk).update(seen_at=timezone.now() - timedelta(seconds=61))
    assert client.get(url).status_code == 503


def request_lines(caplog) -> list[dict]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(record)) for record in caplog.records if record.name == "sozialraum.requests"]


def test_one_json_line_per_request_with_the_audit_trails_request_id_and_no_personal_data(
    client, case, sgb2_worker, caplog
):
    client.force_login(sgb2_worker)
    with caplog.at_level(logging.INFO, logger="sozialraum.requests"):
        response = client.get(reverse("cases:case_list"), {"q": "Müller"})
        detail = client.get(case.get_absolute_url())
    listing, shown = request_lines(caplog)
    assert listing["route"] == "cases:case_list" and shown["route"] == "cases:case_detail"
    assert listing["method"] == "GET" and listing["status"] == 200
    assert listing["user_id"] == sgb2_worker.pk
    assert listing["sql_queries"] > 0 and listing["duration_ms"] > 0
    assert listing["request_id"] == response["X-Request-ID"]
    # The request id of the log line is the one the audit trail stored for the page's reads.
    assert AuditEvent.objects.filter(request_id=detail["X-Request-ID"], case_id=case.pk).exists()
    assert shown["request_id"] == detail["X-Request-ID"]
    text = "\n".join(JsonFormatter().format(record) for record in caplog.records)
    person = case.persons.get()
    for private in ("Müller", "q=", case.reference, person.last_name, "/faelle/"):
        assert private not in text


@pytest.mark.parametrize(
    ("trusted", "sent", "kept"),
    [
        (True, "7d1f0b7c-1f40-4c7a-9d0e-3a3b2f1c9a11", True),
        (True, "7d1f0b7c1f404c7a9d0e3a3b2f1c9a11", True),  # nginx's $request_id: 32 hex digits
        (True, "'; DROP TABLE x; --", False),
        (False, "7d1f0b7c-1f40-4c7a-9d0e-3a3b2f1c9a11", False),
    ],
)
def test_the_proxys_request_id_is_used_when_trusted(client, case, sgb2_worker, settings, trusted, sent, kept):
    settings.TRUST_X_REQUEST_ID = trusted
    client.force_login(sgb2_worker)
    response = client.get(case.get_absolute_url(), headers={"X-Request-ID": sent})
    answered = uuid.UUID(response["X-Request-ID"])
    assert (answered == uuid.UUID(sent)) if kept else (response["X-Request-ID"] != sent)
    assert AuditEvent.objects.filter(request_id=answered, case_id=case.pk).exists()


def test_production_sends_mails_and_logs_json():
    """Without DEBUG no mail is printed (a password link would land in the logs)."""
    env = {key: value for key, value in os.environ.items() if key not in ("EMAIL_BACKEND", "LOG_FORMAT", "DEBUG")}
    env.update({"DEBUG": "false", "SECRET_KEY": "a-production-secret-" + "x7Qp2" * 10})
    code = "from django.conf import settings; print(settings.EMAIL_BACKEND, settings.LOG_FORMAT)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split()[-2:] == ["django.core.mail.backends.smtp.EmailBackend", "json"], result.stderr


def test_a_worker_loads_every_view_before_its_first_request():
    """The first request of each worker (and after each of gunicorn's restarts of it) imported
    all views and the report's charts: 0.8 s more for that user (issue 15)."""
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, sozialraum.wsgi; print('reports.charts' in sys.modules)"],
        cwd=ROOT,
        env=os.environ | {"SECRET_KEY": "x", "DATABASE_URL": database_url_of_the_tests()},
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip().splitlines()[-1] == "True", loaded.stderr


def test_gunicorn_serves_the_app_in_production_mode(db):
    """What `make serve` starts: gunicorn with gunicorn.conf.py, DEBUG off, static files by whitenoise,
    one JSON line per request on stderr."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("DEBUG", "LOG_FORMAT", "EMAIL_BACKEND")}
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "a-production-secret-" + "x7Qp2" * 10,
            "DATABASE_URL": database_url_of_the_tests(),
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_CONCURRENCY": "2",
        }
    )
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        live = wait_for_answer(f"http://127.0.0.1:{port}/health/live")
        assert json.loads(live) == {"status": "ok"}
        login = urllib.request.urlopen(f"http://127.0.0.1:{port}/anmelden/", timeout=10)
        page = login.read().decode()
        assert login.status == 200 and "Anmelden" in page
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}{stylesheet}", timeout=10).status == 200
        request_id = login.headers["X-Request-ID"]
    finally:
        server.send_signal(signal.SIGTERM)
        errors = server.communicate(timeout=30)[1]
    lines = [json.loads(line) for line in errors.splitlines() if line.startswith("{")]
    (login_line,) = [line for line in lines if line.get("request_id") == request_id]
    assert login_line["route"] == "login" and login_line["status"] == 200


def wait_for_answer(url: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5).read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_a_server_error_is_logged_without_its_url(rf):
    """Django attaches the request to its error lines; printed, it would be the path and query."""
    request = rf.get("/faelle/", {"q": "Müller"})
    record = logging.makeLogRecord(
        {"name": "django.request", "msg": "Internal Server Error", "levelno": logging.ERROR, "request": request}
    )
    line = JsonFormatter().format(record)
    assert json.loads(line)["message"] == "Internal Server Error"
    assert "Müller" not in line and "/faelle/" not in line
