"""Browser tests: Playwright drives the system Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test.utils import override_settings

from demo.build import create_demo
from districts.reference_data import load_reference_data
from sozialraum.db_roles import as_owner
from tests.helpers import FAST_HASHERS

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# still plain synchronous code, so Django's async guard would refuse them wrongly.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium fehlt unter {CHROMIUM}: apt-get install chromium (make test tut das als root).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


def data_tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker) -> dict[str, bytes]:
    """The demo data, built once per session and kept as COPY output of every table.

    Building it takes half a minute; restoring the copy takes about a second. The browser
    tests change data (they must: they are end-to-end), so each one starts from the copy."""
    # The same fast hasher as every test (tests/conftest.py): the demo's passwords must verify.
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        with transaction.atomic():
            load_reference_data()
            create_demo()
        snapshot = {}
        with connection.cursor() as cursor:
            for table in data_tables():
                with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                    snapshot[table] = b"".join(bytes(block) for block in copy)
        call_command("flush", interactive=False, verbosity=0)
    return snapshot


def restore(snapshot: dict[str, bytes]) -> None:
    """Empty every table and copy the demo back in, as the owner (the app may not empty tables).
    Foreign keys are checked at commit (Django creates them DEFERRABLE INITIALLY DEFERRED), so
    the order does not matter. The tables' own triggers stay off while copying, as in
    pg_restore: the monthly work sums are in the copy already, the work log must not add them again."""
    from django.apps import apps

    with as_owner(), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(f'"{table}"' for table in snapshot) + " RESTART IDENTITY CASCADE")
        cursor.execute("SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal")
        triggered = [table for (table,) in cursor.fetchall()]
        for table in triggered:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for table, data in snapshot.items():
            if data:
                with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(data)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # (ALTER TABLE waits for no pending checks)
        for table in triggered:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(statement)


@pytest.fixture
def demo_site(live_server, transactional_db, demo_snapshot):
    restore(demo_snapshot)
    return live_server


@pytest.fixture
def screenshot_dir():
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


def caused_by_axe(page, message) -> bool:
    """axe-core is evaluated by Playwright, so what its probes do has no script address; the
    browser may report that after the evaluation has returned (hence not the flag alone)."""
    return getattr(page, "checked_by_axe", False) or message.location.get("url") == ""


@pytest.fixture(autouse=True)
def no_content_security_policy_violations(page):
    """The pages must work under the strict CSP (no inline script or style): a violation the
    browser reports fails the browser test. (Not while axe-core examines a page: its probes set
    style attributes that the policy rightly blocks; see tests/e2e/test_accessibility.py.)"""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text[:120]}")
            if "Content Security Policy" in message.text and not caused_by_axe(page, message)
            else None
        ),
    )
    yield
    assert violations == []
