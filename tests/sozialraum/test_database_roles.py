"""Finding 2 of issue 11: the app connected as the server's superuser. It now connects as a role
that owns nothing and may only append to the audit trail; the owner runs the migrations."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from sozialraum.checks import database_role_check
from sozialraum.db_roles import APP_ROLE, OWNER_ROLE, as_owner
from sozialraum.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]

# What an attacker with the app's connection (an injection, a bug) tried, and got away with.
ATTACKS = [
    "TRUNCATE sozialraum_auditevent",
    "ALTER TABLE sozialraum_auditevent DISABLE TRIGGER ALL",
    "DROP TRIGGER sozialraum_auditevent_chain ON sozialraum_auditevent",
    "SET session_replication_role = replica",
    "DELETE FROM sozialraum_auditevent",
    "UPDATE sozialraum_auditevent SET username = 'niemand'",
    "COPY (SELECT 1) TO PROGRAM 'id'",
    "SELECT pg_read_file('/etc/passwd')",
    "CREATE ROLE intruder SUPERUSER",
    "ALTER TABLE cases_case OWNER TO sozialraum_app",
]


def test_the_app_is_no_superuser_and_owns_nothing(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, rolsuper, rolcreatedb FROM pg_roles WHERE rolname = current_user")
        user, superuser, creates_databases = cursor.fetchone()
        cursor.execute("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
        owners = {row[0] for row in cursor.fetchall()}
    assert (user, superuser, creates_databases) == (APP_ROLE, False, False)
    assert owners == {OWNER_ROLE}


@pytest.mark.parametrize("statement", ATTACKS)
def test_the_apps_connection_cannot_tamper_or_reach_the_server(case, statement):
    before = AuditEvent.objects.count()
    refused = pytest.raises(DatabaseError, match="permission denied|must be owner")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.count() == before


def test_the_app_appends_to_and_reads_the_audit_trail(case):
    """What the app must still do (every audited page does it): INSERT and SELECT, via the trigger."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT privilege_type FROM information_schema.role_table_grants "
            "WHERE grantee = current_user AND table_name = 'sozialraum_auditevent'"
        )
        assert {row[0] for row in cursor.fetchall()} == {"INSERT", "SELECT"}
    assert AuditEvent.objects.filter(case_id=case.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_deploy_check_warns_when_the_app_connects_as_the_owner():
    assert database_role_check() == []
    with as_owner():
        warnings = database_role_check()
    assert [warning.id for warning in warnings] == ["sozialraum.W001"]
    assert "owns" in warnings[0].msg and "sozialraum_auditevent" in warnings[0].msg


def test_the_command_prints_the_roles_and_grants(db):
    out = io.StringIO()
    call_command("database_roles", stdout=out)
    text = out.getvalue()
    assert f'CREATE ROLE "{APP_ROLE}" LOGIN' in text and "NOSUPERUSER" in text
    assert f'REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "sozialraum_auditevent" FROM "{APP_ROLE}"' in text
    assert "DATABASE_OWNER_URL=" in text


def run_manage(*arguments, **environment):
    inherited = {name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env={**inherited, "DEBUG": "true", **environment},
        capture_output=True,
        text=True,
    )


def url_for(role: str) -> str:
    settings = connection.settings_dict
    return f"postgres://{role}@/{settings['NAME']}?host={settings['OPTIONS'].get('host') or settings['HOST']}"


@pytest.mark.django_db(transaction=True)
def test_with_database_urls_the_app_runs_as_the_first_and_migrates_as_the_second():
    """A server of one's own: DATABASE_URL for the app, DATABASE_OWNER_URL for migrations."""
    two_roles = run_manage(
        "migrate", "--noinput", DATABASE_URL=url_for(APP_ROLE), DATABASE_OWNER_URL=url_for(OWNER_ROLE)
    )
    assert two_roles.returncode == 0, two_roles.stderr
    checked = run_manage("check", "--deploy", DATABASE_URL=url_for(APP_ROLE), DATABASE_OWNER_URL=url_for(OWNER_ROLE))
    assert "sozialraum.W001" not in checked.stdout + checked.stderr
    # Only one URL, and it is the owner's: the deploy check says so.
    one_role = run_manage("check", "--deploy", DATABASE_URL=url_for(OWNER_ROLE))
    assert "sozialraum.W001" in one_role.stdout + one_role.stderr
    # The app role alone cannot migrate: creating tables is the owner's right.
    app_only = run_manage("migrate", "sozialraum", "zero", "--noinput", DATABASE_URL=url_for(APP_ROLE))
    assert app_only.returncode != 0 and "must be owner" in app_only.stderr
