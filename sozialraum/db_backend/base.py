"""Django's PostgreSQL backend, with test databases created and dropped by the owner role.

Migrating a test database takes ~10 s; every test process (pytest-xdist workers, the browser
run) would pay it. The first process migrates a template database named after a digest of all
migration files; the others, and every later run until a migration changes, copy it with
`CREATE DATABASE … TEMPLATE` in well under a second."""

import contextlib
import contextvars
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import django
import psycopg
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.db.backends.postgresql import base, creation

from sozialraum.db_roles import app_role, as_owner, grant_app_privileges

TEMPLATE_PREFIX = "sozialraum_migrated_"
# One process builds the template, the others wait for it (pg_advisory_lock key).
TEMPLATE_LOCK = 7_302_114


def migrations_digest() -> str:
    digest = hashlib.sha256(django.get_version().encode())
    for app_config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        for path in sorted((Path(app_config.path) / "migrations").glob("*.py")):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


class DatabaseCreation(creation.DatabaseCreation):
    """The app role may not create databases; the owner creates the test database (a copy of the
    migrated template), the tests then run as the app."""

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        with as_owner(self.connection.alias):
            if keepdb:
                return super().create_test_db(verbosity, autoclobber, serialize, keepdb)
            return self.copy_of_migrated_template(verbosity, serialize)

    def destroy_test_db(self, *args, **kwargs):
        with as_owner(self.connection.alias):
            return super().destroy_test_db(*args, **kwargs)

    def copy_of_migrated_template(self, verbosity: int, serialize: bool) -> str:
        from django.core.management import call_command

        test_name = self._get_test_db_name()
        template = TEMPLATE_PREFIX + migrations_digest()
        quote = self.connection.ops.quote_name
        with self._nodb_cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [TEMPLATE_LOCK])
            try:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
                if cursor.fetchone() is None:
                    self.migrate_template(template, verbosity)
                    self.drop_old_templates(cursor, keep=template)
                if verbosity >= 1:
                    self.log(f"Copying the migrated template for test database {test_name}…")
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
                cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
            finally:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [TEMPLATE_LOCK])
        self.use_database(test_name)
        # Rights on the database itself are not copied with the template.
        grant_app_privileges(self.connection, app_role(self.connection))
        if serialize:
            self.connection._test_serialized_contents = self.serialize_db_to_string()
        call_command("createcachetable", database=self.connection.alias)
        self.connection.ensure_connection()
        return test_name

    def migrate_template(self, template: str, verbosity: int) -> None:
        """Django's own test database creation (migrate as the owner), under the template's name."""
        original_name = self.connection.settings_dict["NAME"]
        test_settings = self.connection.settings_dict["TEST"]
        original_test_name = test_settings.get("NAME")
        test_settings["NAME"] = template
        try:
            super().create_test_db(verbosity, autoclobber=True, serialize=False, keepdb=False)
        finally:
            test_settings["NAME"] = original_test_name
            self.use_database(original_name)  # no session may stay on a template that is copied

    def use_database(self, name: str) -> None:
        self.connection.close()
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name

    def drop_old_templates(self, cursor, keep: str) -> None:
        """Templates of earlier migration states would pile up in the developer's server."""
        cursor.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s", [TEMPLATE_PREFIX + "%", keep]
        )
        for (name,) in cursor.fetchall():
            with contextlib.suppress(DatabaseError):  # in use by another test run: left for a later one
                cursor.execute(f"DROP DATABASE IF EXISTS {self.connection.ops.quote_name(name)}")


# Whether the queries now run may be prepared (prepared_statements()).
preparing: contextvars.ContextVar[bool] = contextvars.ContextVar("preparing", default=False)


@contextlib.contextmanager
def prepared_statements() -> Iterator[None]:
    """The queries in this block are bound by the server and prepared once a connection has run
    them DATABASE_PREPARE_THRESHOLD times: parsed and planned once, not on every request
    (PostgreSQL's share of the start page's CPU fell by half, issue 15).

    Only for queries whose best plan is the same for every value: a row by its key, the
    user's own rows through an index that matches filter and order. After five runs PostgreSQL
    may keep one plan for all values, and a list filtered by team is not such a query: team
    sizes differ fiftyfold, and with the plan of an average team the case list of the smallest
    took two and a half times as long. Elsewhere the values are put into the SQL, as ever."""
    token = preparing.set(True)
    try:
        yield
    finally:
        preparing.reset(token)


class PreparingCursor(base.ServerBindingCursor):
    """Server-side binding (which psycopg needs to prepare), except where the server cannot
    bind: several statements in one string, more parameters than the protocol carries."""

    MAX_PARAMETERS = 65_535

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        if params and (len(params) > self.MAX_PARAMETERS or (isinstance(query, str) and ";" in query)):
            query, params = psycopg.ClientCursor(self.connection).mogrify(query, params), None
        return super().execute(query, params, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation

    def create_cursor(self, name: str | None = None) -> Any:
        if name or not preparing.get():
            return super().create_cursor(name)
        factory, self.connection.cursor_factory = self.connection.cursor_factory, PreparingCursor
        try:
            return super().create_cursor(name)
        finally:
            self.connection.cursor_factory = factory
