"""The meeting rules live in meetings.services, each change with its audit entry: closed
minutes are read-only, corrections only after closing, action items are ticked off once."""

import pytest

from meetings import services
from meetings.models import ActionItem, Correction
from sozialraum.models import AuditEvent


def events_of(obj) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=obj.pk)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_attendance_is_set_by_the_service_and_audited(meeting, styrum_lead, sgb2_worker):
    services.set_attendance(styrum_lead, meeting, [styrum_lead, sgb2_worker])
    services.set_attendance(styrum_lead, meeting, [styrum_lead, sgb2_worker])  # unchanged: no second event
    services.set_attendance(styrum_lead, meeting, [styrum_lead])
    assert list(meeting.attendances.values_list("user__username", flat=True)) == ["leitung"]
    assert events_of(meeting) == ["update", "update"]


def test_guests_are_added_and_removed_with_audit(meeting, styrum_lead):
    guest = services.add_guest(styrum_lead, meeting, "Frau Gast")
    services.remove_guest(styrum_lead, meeting, guest.pk)
    assert not meeting.attendances.exists()
    assert events_of(guest) == ["create", "delete"]


def test_closed_agenda_and_attendance_cannot_change(meeting, proposal, styrum_lead):
    item = services.put_on_agenda(meeting, proposal)
    with pytest.raises(services.UndecidedCases):  # a case on the agenda was not consulted
        services.close_meeting(styrum_lead, meeting)
    services.close_meeting(styrum_lead, meeting, {item.pk: (services.Carry.NEXT_MEETING, "")})
    with pytest.raises(services.MeetingClosed):
        services.update_agenda_item(styrum_lead, item, styrum_lead, 45, item.version)
    with pytest.raises(services.MeetingClosed):
        services.set_attendance(styrum_lead, meeting, [styrum_lead])
    with pytest.raises(services.MeetingClosed):
        services.add_guest(styrum_lead, meeting, "Herr Gast")
    assert "update" in events_of(meeting)  # closing is audited


def test_corrections_only_for_closed_minutes(meeting, proposal, styrum_lead, case):
    item = services.put_on_agenda(meeting, proposal)
    with pytest.raises(services.MeetingOpen):
        services.add_correction(styrum_lead, meeting, Correction(agenda_item=item, text="Datum war falsch"))
    services.close_meeting(styrum_lead, meeting, {item.pk: (services.Carry.WITHDRAW, "Familie umgezogen")})
    correction = services.add_correction(styrum_lead, meeting, Correction(agenda_item=item, text="Datum war falsch"))
    assert correction.author == styrum_lead
    event = AuditEvent.objects.get(object_type="meetings.correction", object_id=correction.pk)
    assert event.case_id == case.pk


def test_an_action_item_is_done_once(meeting, styrum_lead, sgb2_worker):
    action_item = ActionItem.objects.create(meeting=meeting, what="Anrufen", owner=sgb2_worker, due_on=meeting.date)
    assert services.mark_done(sgb2_worker, action_item) is True
    assert services.mark_done(sgb2_worker, action_item) is False
    assert events_of(action_item) == ["update"]
