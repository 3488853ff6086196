import pytest
from django.db import connection, transaction
from django.test.utils import override_settings

from demo.build import create_demo
from districts.reference_data import load_reference_data
from sozialraum.db_roles import as_owner
from tests.helpers import FAST_HASHERS

# Every id of the demo starts above 12,000: a form that prints an id as "12.345" shows up.
FIRST_ID = 12_345


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The demo data in a transaction that is rolled back after the module; each test runs in a
    savepoint inside it (pytest-django nests its atomic block)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        # Sequences are not transactional; moving them needs the owner (the app may only draw).
        with as_owner(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(sequencename::regclass, %s, false) FROM pg_sequences WHERE schemaname = 'public'",
                [FIRST_ID],
            )
        with transaction.atomic():
            load_reference_data()
            create_demo()
            yield
            transaction.set_rollback(True)
