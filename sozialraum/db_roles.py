"""Two database roles (DESIGN §4): the owner runs the migrations and owns every table; the app
connects as a role that owns nothing, is no superuser, and may only INSERT and SELECT on the
audit trail. A bug or an injection in the app then cannot truncate the trail, disable its
triggers, run programs on the server or read its files.

The embedded server creates both roles itself (sozialraum.embedded_db). With DATABASE_URL the
operator creates them; `manage.py database_roles` prints (or applies) the statements."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connections

APP_ROLE = "sozialraum_app"
OWNER_ROLE = "sozialraum_owner"

# Tables the app may only append to and read.
APPEND_ONLY_TABLES = ("sozialraum_auditevent",)


def owner_credentials() -> dict[str, Any] | None:
    """USER/PASSWORD/HOST/PORT/OPTIONS of the owner, or None when only one role is configured."""
    return getattr(settings, "DATABASE_OWNER", None)


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


@contextmanager
def as_owner(alias: str = "default") -> Iterator[Any]:
    """Let the connection of `alias` work as the owner inside the block (migrations, flushing the
    test database, creating it). Reconnects on entry and on exit; never use it inside a
    transaction. Without an owner configured the connection stays as it is."""
    connection = connections[alias]
    owner = owner_credentials()
    if not owner or all(connection.settings_dict.get(key) == value for key, value in owner.items()):
        yield connection
        return
    if connection.in_atomic_block:
        raise RuntimeError("as_owner() cannot switch roles inside a transaction.")
    original = {key: connection.settings_dict.get(key) for key in owner}
    connection.close()
    connection.settings_dict.update(owner)
    switched_connections[id(connection)] = original
    try:
        yield connection
    finally:
        connection.close()
        connection.settings_dict.update(original)
        del switched_connections[id(connection)]


# Connections (per thread) working as the owner right now, with the app's credentials to return to.
switched_connections: dict[int, dict[str, Any]] = {}


def app_role(connection: Any) -> str:
    """The role the app connects as, also while the connection works as the owner."""
    return switched_connections.get(id(connection), connection.settings_dict)["USER"]


def grant_statements(database: str, app_role: str = APP_ROLE) -> list[str]:
    """What the owner grants the app role on `database` (run after every migration: new tables
    get their rights from the default privileges, the append-only tables lose them again)."""
    app = quote(app_role)
    statements = [
        f"GRANT CONNECT, TEMPORARY ON DATABASE {quote(database)} TO {app}",
        f"GRANT USAGE ON SCHEMA public TO {app}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ]
    for table in APPEND_ONLY_TABLES:
        statements.append(f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {quote(table)} FROM {app}")
    return statements


def role_statements(database: str, owner_role: str = OWNER_ROLE, app_role: str = APP_ROLE) -> list[str]:
    """What a superuser runs once on a server of one's own (passwords to be filled in)."""
    return [
        f"CREATE ROLE {quote(owner_role)} LOGIN PASSWORD '…'",
        f"CREATE ROLE {quote(app_role)} LOGIN PASSWORD '…' NOSUPERUSER NOCREATEDB NOCREATEROLE",
        f"CREATE DATABASE {quote(database)} OWNER {quote(owner_role)}",
        f"REVOKE ALL ON DATABASE {quote(database)} FROM PUBLIC",
    ]


def grant_app_privileges(connection: Any, app_role: str) -> None:
    """Run the grants on the connection's database; the connection must be the owner's."""
    with connection.cursor() as cursor:
        for statement in grant_statements(connection.settings_dict["NAME"], app_role):
            cursor.execute(statement)
