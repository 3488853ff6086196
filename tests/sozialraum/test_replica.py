"""DATABASE_REPLICA_URL: the figures read the replica, the case pages never do (a caseworker
must see what they just saved). The 'replica' here is a second connection to the test database,
which is what a streaming replica looks like to the app."""

import pytest
from django.core.management import call_command
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sozialraum.db_router import ReplicaRouter, reading_from_replica


def test_without_a_replica_everything_reads_the_primary():
    with reading_from_replica():
        assert ReplicaRouter().db_for_read(None) == "default"


@pytest.mark.django_db(transaction=True)
def test_figures_read_the_replica_and_case_pages_do_not(client, replica, case, sgb2_worker, styrum_lead, planner):
    client.force_login(sgb2_worker)
    with CaptureQueriesContext(replica) as on_replica:
        assert client.get(case.get_absolute_url()).status_code == 200
        assert client.get(reverse("cases:case_list")).status_code == 200
        assert client.get(reverse("home")).status_code == 200
    assert not on_replica.captured_queries
    client.force_login(styrum_lead)
    with CaptureQueriesContext(replica) as on_replica:
        response = client.get(reverse("cases:team_work", args=[case.team_id]))
    assert response.status_code == 200
    assert any("cases_activity" in query["sql"] for query in on_replica.captured_queries)
    client.force_login(planner)
    muelheim = case.team.district.municipality
    response = client.post(
        reverse("reports:report"),
        {"municipality": muelheim.pk, "period_kind": "year", "year": case.opened_on.year}
        | {"sections": ["cases", "work"], "action": "preview"},
    )
    with CaptureQueriesContext(replica) as on_replica:  # the worker computes the preview
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert any("cases_case" in query["sql"] for query in on_replica.captured_queries)
    # Writes never go there.
    assert not any(
        query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        for query in on_replica.captured_queries
    )
    assert 'id="table-faelle_eroeffnet"' in client.get(response["Location"]).content.decode()
