"""Precompiled queries: built and compiled once per process, run with each call's values (the
session, the user, the badge and the start page's own rows of the user, issue 15)."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.db.models import Count, DateField, F
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import FollowUp, FollowUpSource
from sozialraum.db_router import reading_from_replica
from sozialraum.expressions import AnyOf
from sozialraum.precompiled import BoundQuery, Param, Precompiled

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def follow_ups(case, sgb2_worker, sgb8_worker):
    for owner, days in [(sgb2_worker, -1), (sgb2_worker, 3), (sgb2_worker, 30), (sgb8_worker, 0)]:
        FollowUp.objects.create(
            source=FollowUpSource.MANUAL, case=case, owner=owner, due_on=TODAY + timedelta(days=days), reason="x"
        )


def rows_until() -> Precompiled:
    return Precompiled(
        lambda: (
            FollowUp.objects.filter(owner=Param("owner"), due_on__lte=Param("until", DateField()))
            .select_related("owner")
            .order_by("due_on")
        )
    )


def test_each_run_binds_its_own_values(follow_ups, sgb2_worker, sgb8_worker):
    query = rows_until()
    mine = query.fetch(owner=sgb2_worker.pk, until=TODAY + timedelta(days=10))
    assert [row.due_on for row in mine] == [TODAY - timedelta(days=1), TODAY + timedelta(days=3)]
    assert query.fetch(owner=sgb2_worker.pk, until=TODAY) == mine[:1]
    theirs = query.fetch(owner=sgb8_worker.pk, until=TODAY + timedelta(days=10))
    assert [(row.owner_id, row.due_on) for row in theirs] == [(sgb8_worker.pk, TODAY)]
    # As the queryset gives them: models with their related rows, in one query.
    expected = list(
        FollowUp.objects.filter(owner=sgb2_worker, due_on__lte=TODAY + timedelta(days=10))
        .select_related("owner")
        .order_by("due_on")
    )
    with CaptureQueriesContext(connection) as captured:
        rows = query.fetch(owner=sgb2_worker.pk, until=TODAY + timedelta(days=10))
        assert [row.owner.username for row in rows] == [row.owner.username for row in expected]
    assert rows == expected and len(captured) == 1


def test_values_and_value_lists_come_as_the_queryset_gives_them(follow_ups, sgb2_worker):
    per_day = Precompiled(
        lambda: FollowUp.objects.filter(owner=Param("owner")).values_list("due_on").annotate(n=Count("*")).order_by()
    )
    as_dicts = Precompiled(lambda: FollowUp.objects.filter(owner=Param("owner")).values("due_on").order_by("due_on"))
    plain = FollowUp.objects.filter(owner=sgb2_worker)
    assert sorted(per_day.fetch(owner=sgb2_worker.pk)) == sorted(
        plain.values_list("due_on").annotate(n=Count("*")).order_by()
    )
    assert as_dicts.fetch(owner=sgb2_worker.pk) == list(plain.values("due_on").order_by("due_on"))


def test_the_sql_is_compiled_once(follow_ups, sgb2_worker, sgb8_worker, monkeypatch):
    compiled = []
    original = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        compiled.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    query = rows_until()
    for owner in [sgb2_worker, sgb8_worker, sgb2_worker]:
        query.fetch(owner=owner.pk, until=TODAY)
    assert compiled == [FollowUp]


def test_every_value_must_be_given_and_no_other(sgb2_worker):
    query = rows_until()
    with pytest.raises(TypeError, match="until"):
        query.fetch(owner=sgb2_worker.pk)
    with pytest.raises(TypeError, match="other"):
        query.fetch(owner=sgb2_worker.pk, until=TODAY, other=1)


def test_the_kept_query_cannot_be_changed():
    """Django clones a query for every change (count, get, filter, a slice): the kept SQL would
    answer the changed question with the old rows."""
    with pytest.raises(TypeError):
        BoundQuery(FollowUp).clone()


def test_another_thread_runs_it_on_its_own_connection(follow_ups, sgb2_worker):
    """The kept compiler holds the connection of the thread that compiled it (the development
    server answers in threads): each run must use its own thread's."""
    query = rows_until()
    query.fetch(owner=sgb2_worker.pk, until=TODAY)
    errors = []

    def run() -> None:
        try:
            query.fetch(owner=sgb2_worker.pk, until=TODAY)  # (its own connection: the test's rows unseen)
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert errors == []
    assert get_user_model().objects.filter(pk=sgb2_worker.pk).exists()


def test_it_runs_where_the_router_sends_it(sgb2_worker, replica):
    """Inside reading_from_replica() on the replica, outside on the primary – compiled for each."""
    query = rows_until()
    with CaptureQueriesContext(replica) as on_replica, CaptureQueriesContext(connection) as on_primary:
        query.fetch(owner=sgb2_worker.pk, until=TODAY)
        with reading_from_replica():
            query.fetch(owner=sgb2_worker.pk, until=TODAY)
        query.fetch(owner=sgb2_worker.pk, until=TODAY)
    assert len(on_primary) == 2 and len(on_replica) == 1


def test_a_list_of_values_is_one_parameter(follow_ups):
    """AnyOf: `= ANY(array)` keeps the SQL's shape for any number of values (IN has one
    placeholder per value and could not be kept)."""
    ids = list(FollowUp.objects.order_by("id").values_list("id", flat=True))
    query = Precompiled(lambda: FollowUp.objects.filter(AnyOf(F("id"), Param("ids"))).order_by("id"))
    with CaptureQueriesContext(connection) as captured:
        assert [row.pk for row in query.fetch(ids=ids[:3])] == ids[:3]
        assert [row.pk for row in query.fetch(ids=ids[3:])] == ids[3:]
        assert query.fetch(ids=[0]) == []
    assert all("= ANY(" in sql["sql"] for sql in captured.captured_queries)
