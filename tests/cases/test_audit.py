"""DESIGN §4 rule 4: every read of personal data and every change is in an append-only trail."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from sozialraum.db_roles import as_owner
from sozialraum.models import AuditAction, AuditEvent


def events(case, action):
    return AuditEvent.objects.filter(case_id=case.pk, action=action)


def test_opening_a_case_is_logged_without_personal_values(case, sgb2_worker):
    created = events(case, AuditAction.CREATE)
    assert {event.object_type for event in created} == {"cases.case", "cases.person"}
    assert all(event.username == "cm-sgb2" for event in created)
    # What an event says; its hashes, ids and timestamp are hex and digits that may contain "1961".
    stored = str(list(AuditEvent.objects.values("username", "action", "object_type", "changed_fields", "details")))
    for value in ["Erika", "Müller", "1961", "Kaiserstraße", "45476", "0208"]:
        assert value not in stored


def test_reading_personal_data_is_logged_with_request_id(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    response = client.get(case.get_absolute_url())
    view = events(case, AuditAction.VIEW).get()
    assert view.object_type == "cases.case"
    assert str(view.request_id) == response["X-Request-ID"]


def test_list_showing_names_logs_each_case_shown(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    client.get(reverse("cases:case_list"))
    assert events(case, AuditAction.VIEW).count() == 1


def test_pseudonymised_view_shows_no_personal_data_and_logs_no_read(client, case, sgb8_worker):
    client.force_login(sgb8_worker)
    client.get(case.get_absolute_url())
    assert not events(case, AuditAction.VIEW).exists()


def test_a_change_records_field_names_not_values(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    client.post(
        reverse("cases:case_edit", args=[case.reference]),
        {
            "version": 1,
            "service_area": case.service_area_id,
            "caseworker": sgb2_worker.pk,
            "topics": ["housing"],
            "phase": "counselling",
            "will": "Ein neuer Wille in eigenen Worten",
            "status": "open",
        },
    )
    update = events(case, AuditAction.UPDATE).get()
    assert sorted(update.changed_fields) == ["phase", "topics", "will"]
    assert "Ein neuer Wille" not in str(update.details)


def test_consent_withdrawal_is_logged(client, case, sgb2_worker):
    from tests.helpers import give_consent

    consent = give_consent(case, sgb2_worker, scope="team", team=case.team)
    client.force_login(sgb2_worker)
    client.post(reverse("cases:consent_withdraw", args=[case.reference, consent.pk]))
    assert events(case, AuditAction.WITHDRAW).get().object_id == consent.pk


CHANGE_STATEMENTS = ["UPDATE sozialraum_auditevent SET username = 'someone else'", "DELETE FROM sozialraum_auditevent"]


@pytest.mark.parametrize("statement", CHANGE_STATEMENTS)
def test_the_app_role_may_not_change_or_delete_audit_events(case, statement):
    before = list(AuditEvent.objects.order_by("id").values_list("id", "username"))
    with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert list(AuditEvent.objects.order_by("id").values_list("id", "username")) == before


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("statement", CHANGE_STATEMENTS)
def test_even_the_owner_cannot_change_events_while_the_trigger_is_on(case, statement):
    """The second wall: the append-only trigger holds against the owner's connection too."""
    before = list(AuditEvent.objects.order_by("id").values_list("id", "username"))
    with as_owner(), pytest.raises(DatabaseError, match="append-only"), connection.cursor() as cursor:
        cursor.execute(statement)
    assert list(AuditEvent.objects.order_by("id").values_list("id", "username")) == before


def test_the_app_refuses_to_change_or_delete_audit_events(case):
    event = AuditEvent.objects.first()
    event.username = "someone else"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_opening_a_person_form_is_logged_as_a_read(client, case, sgb2_worker):
    person = case.persons.get()
    client.force_login(sgb2_worker)
    client.get(reverse("cases:person_edit", args=[case.reference, person.pk]))
    assert events(case, AuditAction.VIEW).get().object_type == "cases.person"


def run_verify():
    out = io.StringIO()
    call_command("verify_audit_trail", stdout=out)
    return out.getvalue()


def test_the_audit_trail_is_a_hash_chain_that_verifies(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    client.get(case.get_absolute_url())  # reads are logged in bulk inserts too
    client.get(reverse("cases:case_list"))
    events = list(AuditEvent.objects.order_by("id"))
    assert len(events) >= 4
    assert events[0].previous_hash == "" and all(len(event.hash) == 64 for event in events)
    assert all(later.previous_hash == earlier.hash for earlier, later in zip(events, events[1:], strict=False))
    assert "Audit-Kette unversehrt" in run_verify()


@pytest.mark.django_db(transaction=True)
def test_a_changed_event_breaks_the_chain_and_is_named(case, sgb2_worker):
    """Someone with the owner's database access disables the protection and edits an event."""
    victim = AuditEvent.objects.order_by("id").first()
    with as_owner(), connection.cursor() as cursor:
        cursor.execute("ALTER TABLE sozialraum_auditevent DISABLE TRIGGER sozialraum_auditevent_append_only")
        cursor.execute("UPDATE sozialraum_auditevent SET username = 'niemand' WHERE id = %s", [victim.pk])
    with pytest.raises(CommandError, match=f"Ereignis {victim.pk} .*Inhalt wurde nach dem Schreiben geändert"):
        run_verify()


@pytest.mark.django_db(transaction=True)
def test_a_removed_event_breaks_the_chain_at_its_successor(case, sgb2_worker):
    first, second = AuditEvent.objects.order_by("id")[:2]
    with as_owner(), connection.cursor() as cursor:
        cursor.execute("ALTER TABLE sozialraum_auditevent DISABLE TRIGGER sozialraum_auditevent_append_only")
        cursor.execute("DELETE FROM sozialraum_auditevent WHERE id = %s", [first.pk])
    with pytest.raises(CommandError, match=f"Ereignis {second.pk} .*verweist nicht auf das Ereignis davor"):
        run_verify()
