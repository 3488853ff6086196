"""Where the database lives: DATABASE_URL if set, otherwise an embedded PostgreSQL.

The embedded server comes from the `pgserver` package and keeps its data in var/pgdata.
It is started on first use and stopped when the last Python process using it exits.
"""

import atexit
import json
import os
import signal
import sys
import threading
import warnings
from pathlib import Path

import dj_database_url
import psutil
import psycopg

from sozialraum.env import ConfigError

DATABASE_NAME = "sozialraum"


def database_config(url: str, base_dir: Path) -> dict:
    """The Django DATABASES['default'] entry for the given URL, or the embedded server."""
    if not url:
        url = embedded_server_url(base_dir / "var" / "pgdata")
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ConfigError(f"DATABASE_URL is not a usable database URL: {error}") from None
    if config.get("ENGINE") != "django.db.backends.postgresql":
        raise ConfigError("DATABASE_URL must point to PostgreSQL (postgres://…); nothing else is supported.")
    if not config.get("NAME"):
        raise ConfigError("DATABASE_URL names no database (…/DATABASENAME).")
    # One test database per process: two test runs at once must not share (and drop) one.
    config["TEST"] = {"NAME": f"test_{config['NAME']}_{os.getpid()}"}
    return config


def prune_dead_handles(pgdata: Path) -> None:
    """Forget processes that died without saying goodbye (SIGKILL, OOM).

    pgserver stops the server when the last process in .handle_pids.json exits; a dead pid
    left in that list would keep the server running forever.
    """
    handle_file = pgdata / ".handle_pids.json"
    if not handle_file.exists():
        return
    try:
        pids = json.loads(handle_file.read_text() or "[]")
    except json.JSONDecodeError:
        pids = []
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handle_file.write_text(json.dumps(alive))


def exit_cleanly_on_sigterm() -> None:
    """Let SIGTERM (kill, process managers) run the atexit hook that stops the server.

    Python's default SIGTERM ends the process without atexit; the server would run on.
    """
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def embedded_server_url(pgdata: Path) -> str:
    with warnings.catch_warnings():
        # pgserver asks platformdirs for XDG_RUNTIME_DIR, unset on servers; /tmp is fine for its lock file.
        warnings.simplefilter("ignore", UserWarning)
        import pgserver  # imported here: only needed without DATABASE_URL

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    prune_dead_handles(pgdata)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    # atexit runs last-in first-out: prune before pgserver decides whether we are the last user.
    # (runserver's reloader SIGKILLs its child when it is stopped, so the child never says goodbye.)
    atexit.register(prune_dead_handles, pgdata)
    exit_cleanly_on_sigterm()
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            connection.execute(f"CREATE DATABASE {DATABASE_NAME}")
    return server.get_uri(DATABASE_NAME)
