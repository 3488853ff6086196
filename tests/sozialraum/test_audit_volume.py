"""A list page that shows many persons' names writes one audit event naming every case it
listed (issue 15: 21 rows per case-list view were 2.5 GB a few months into a city). Nothing of
what the trail must answer gets lost: who saw case X, on the officer's page and in the Art. 15
export, and the hash chain covers the listed ids."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from sozialraum.db_roles import as_owner
from sozialraum.models import AuditAction, AuditEvent
from tests.factories import CaseFactory


@pytest.fixture
def listed_cases(case, styrum, sgb2_worker):
    return [case] + [CaseFactory(team=styrum, caseworker=sgb2_worker, last_name=f"Lang{n}") for n in range(4)]


def list_views():
    return AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="cases.case")


def test_one_case_list_view_is_one_event_naming_every_listed_case(client, sgb2_worker, listed_cases):
    client.force_login(sgb2_worker)
    response = client.get(reverse("cases:case_list"))
    event = list_views().get()
    assert sorted(event.case_ids) == sorted(case.pk for case in listed_cases) == sorted(event.object_ids)
    assert event.case_id is None and str(event.request_id) == response["X-Request-ID"]
    for case in listed_cases:
        assert AuditEvent.objects.about_case(case.pk).filter(action=AuditAction.VIEW).get() == event


def test_meine_arbeit_lists_its_cases_in_one_event(client, sgb2_worker, listed_cases):
    client.force_login(sgb2_worker)
    client.get(reverse("home"))
    assert sorted(list_views().get().case_ids) == sorted(case.pk for case in listed_cases)


def test_the_officer_finds_a_listed_case_by_its_id(client, sgb2_worker, data_protection, listed_cases):
    client.force_login(sgb2_worker)
    client.get(reverse("cases:case_list"))
    client.force_login(data_protection)
    wanted = listed_cases[3]
    response = client.get(reverse("audit_trail"), {"case_id": wanted.pk, "action": "view"})
    assert [event.pk for event in response.context["events"]] == [list_views().get().pk]
    assert str(wanted.pk) in response.content.decode()
    # A case id no column can hold finds nothing, without an error.
    assert client.get(reverse("audit_trail"), {"case_id": 10**20}).status_code == 200


def test_the_art_15_export_counts_the_list_view(client, sgb2_worker, sgb2_colleague, listed_cases):
    client.force_login(sgb2_colleague)
    client.get(reverse("cases:case_list"))
    client.force_login(sgb2_worker)
    wanted = listed_cases[2]
    data = json.loads(client.get(reverse("cases:subject_access", args=[wanted.reference])).content)
    reads = [row for row in data["zugriffe_und_aenderungen"] if row["was"].endswith("personenbezogene Daten angesehen")]
    assert [(row["wer"], row["anzahl"]) for row in reads] == [("Fachkraft · SGB II · Sozialraumteam Styrum", 1)]


@pytest.mark.django_db(transaction=True)
def test_the_hash_covers_the_listed_cases(client, sgb2_worker, listed_cases):
    client.force_login(sgb2_worker)
    client.get(reverse("cases:case_list"))
    call_command("verify_audit_trail", stdout=io.StringIO())
    event = list_views().get()
    with as_owner(), connection.cursor() as cursor:
        cursor.execute("ALTER TABLE sozialraum_auditevent DISABLE TRIGGER sozialraum_auditevent_append_only")
        cursor.execute("UPDATE sozialraum_auditevent SET case_ids = case_ids[2:] WHERE id = %s", [event.pk])
        cursor.execute("ALTER TABLE sozialraum_auditevent ENABLE TRIGGER sozialraum_auditevent_append_only")
    with pytest.raises(CommandError, match=f"Ereignis {event.pk} "):
        call_command("verify_audit_trail", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_a_pages_audit_event_is_one_statement(sgb2_worker, listed_cases):
    """Outside a transaction (as in production) the event of a list page is one INSERT:
    bulk_create wrapped even one row in BEGIN … COMMIT, two more round trips on every such page."""
    from django.test.utils import CaptureQueriesContext

    from sozialraum import audit

    with CaptureQueriesContext(connection) as queries:
        audit.log_views(sgb2_worker, listed_cases, case_id_of=lambda case: case.pk)
    assert [query["sql"].split()[0] for query in queries.captured_queries] == ["INSERT"]
    assert sorted(list_views().get().case_ids) == sorted(case.pk for case in listed_cases)


def test_meine_arbeit_is_one_event_for_its_cases_and_its_tasks(client, sgb2_worker, sgb2_colleague, listed_cases):
    """The open cases and the tasks both show names: one event for the page, each case once."""
    from cases.models import FollowUp, FollowUpSource

    colleagues_case = CaseFactory(team=listed_cases[0].team, caseworker=sgb2_colleague, last_name="Kurz")
    for case in (colleagues_case, listed_cases[0]):
        FollowUp.objects.create(
            source=FollowUpSource.MANUAL, case=case, owner=sgb2_worker, due_on=timezone.localdate(), reason="x"
        )
    client.force_login(sgb2_worker)
    response = client.get(reverse("home"))
    assert "Kurz" in response.content.decode()
    event = list_views().get()
    assert sorted(event.object_ids) == sorted(event.case_ids) == sorted(c.pk for c in [*listed_cases, colleagues_case])
    assert str(event.request_id) == response["X-Request-ID"]


def test_a_page_that_fails_after_showing_names_still_writes_its_event(rf, sgb2_worker, listed_cases):
    from sozialraum import audit

    def view_that_fails(request):
        audit.log_views(sgb2_worker, listed_cases, case_id_of=lambda case: case.pk)
        raise RuntimeError("after the names were read")

    with pytest.raises(RuntimeError):
        audit.PageViewsMiddleware(view_that_fails)(rf.get("/"))
    assert sorted(list_views().get().case_ids) == sorted(case.pk for case in listed_cases)


def test_reads_after_the_page_is_done_are_written_at_once(rf, sgb2_worker, listed_cases):
    """A streamed export reads after the middleware returned: nothing may wait for a flush
    that never comes."""
    from sozialraum import audit

    audit.PageViewsMiddleware(lambda request: None)(rf.get("/"))
    audit.log_views(sgb2_worker, listed_cases[:1], case_id_of=lambda case: case.pk)
    assert list_views().get().object_id == listed_cases[0].pk
