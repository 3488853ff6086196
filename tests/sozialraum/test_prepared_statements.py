"""Queries in a prepared_statements() block are prepared once a connection has run them a few
times (the start page's share of PostgreSQL's work fell by half); everything else keeps Django's
client-side binding, planned anew for its values: with one plan for every team, the case list of
the smallest team took two and a half times as long (issue 15)."""

from django.db import connection
from django.urls import reverse

from sozialraum.db_backend.base import PreparingCursor, prepared_statements


def prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_the_users_own_rows_are_prepared_and_the_team_lists_are_not(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    for _ in range(connection.connection.prepare_threshold + 1):
        assert client.get(reverse("home")).status_code == 200
        assert client.get(reverse("cases:case_list")).status_code == 200
    statements = prepared()
    tables = {"django_session", "auth_user", "cases_followup", "districts_membership"}
    assert {table for table in tables if any(f'FROM "{table}"' in statement for statement in statements)} == tables
    # (the open cases of the start page: by caseworker, status and reference)
    assert any('"cases_case"."caseworker_id" = $' in statement for statement in statements)
    # The case list's rows and count, filtered by team, are planned for their values every time.
    assert not [statement for statement in statements if "COUNT(*)" in statement and '"cases_case"' in statement]
    assert not [statement for statement in statements if 'ORDER BY "cases_case"."opened_on" DESC' in statement]


def test_outside_a_block_nothing_is_prepared(sgb2_worker):
    before = prepared()
    with connection.cursor() as cursor:
        for _ in range(10):
            cursor.execute("SELECT username FROM auth_user WHERE id = %s", [sgb2_worker.pk])
    assert prepared() == before


def test_what_the_server_cannot_bind_is_bound_here(sgb2_worker):
    """Several statements in one string and more than 65,535 values: the extended protocol cannot
    carry them, so the values go into the SQL as everywhere else."""
    many = [sgb2_worker.pk, *range(-70_000, 0)]
    placeholders = ", ".join(["%s"] * len(many))
    with prepared_statements(), connection.cursor() as cursor:
        assert isinstance(cursor.cursor, PreparingCursor)
        cursor.execute(f"SELECT count(*) FROM auth_user WHERE id IN ({placeholders})", many)
        assert cursor.fetchone() == (1,)
        cursor.execute("SELECT %s; SELECT username FROM auth_user WHERE id = %s", ["x", sgb2_worker.pk])
        assert cursor.fetchone() == ("x",)
        assert cursor.nextset() and cursor.fetchone() == (sgb2_worker.username,)
        cursor.execute("SELECT username FROM auth_user WHERE username LIKE %s", ["%" + sgb2_worker.username[1:]])
        assert cursor.fetchone() == (sgb2_worker.username,)
