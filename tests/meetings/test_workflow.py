from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.constants import MeetingStatus, ProposalStatus
from meetings.models import ActionItem, AgendaItem, Consultation


def test_propose_from_the_case_page(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    url = reverse("meetings:propose_case", args=[case.reference])
    assert client.post(url, {"question": ""}).status_code == 200  # required, German message, nothing saved
    assert not case.proposals.exists()
    assert client.post(url, {"question": "Welche Ressourcen seht ihr?"}).status_code == 302
    assert case.proposals.get().status == ProposalStatus.PROPOSED


def test_team_lead_prepares_holds_and_closes_the_meeting(client, meeting, proposal, case, styrum_lead, sgb2_worker):
    client.force_login(styrum_lead)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Vorgeschlagene Fälle" in page and proposal.question in page

    client.post(reverse("meetings:agenda_add_case", args=[meeting.pk]), {"proposal": proposal.pk})
    client.post(
        reverse("meetings:agenda_add_topic", args=[meeting.pk]),
        {"topic-kind": "topic", "topic-title": "Stadtteilfest vorbereiten", "topic-planned_minutes": "100"},
    )
    items = list(meeting.agenda_items.order_by("position"))
    assert [item.kind for item in items] == ["case", "topic"]
    client.post(reverse("meetings:agenda_item", args=[meeting.pk, items[1].pk]), {"action": "up"})
    assert list(meeting.agenda_items.order_by("position").values_list("kind", flat=True)) == ["topic", "case"]

    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Die Tagesordnung plant 130 Minuten, die Sitzung dauert aber 120 Minuten." in page  # a warning only

    client.post(
        reverse("meetings:attendance", args=[meeting.pk]), {"attendance-members": [styrum_lead.pk, sgb2_worker.pk]}
    )
    assert meeting.attendances.count() == 2
    case_item = meeting.agenda_items.get(kind="case")
    client.post(
        reverse("meetings:consultation", args=[meeting.pk, case_item.pk]),
        {
            "question": proposal.question,
            "resources_seen": "Nachbarin",
            "ideas": "Sprachcafé",
            "agreement": "Sprachcafé ausprobieren",
            "next_step": "Termin vereinbaren",
        },
    )
    assert Consultation.objects.get().agreement == "Sprachcafé ausprobieren"

    response = client.post(
        reverse("meetings:action_add", args=[meeting.pk]),
        {"action-what": "Sprachcafé anfragen", "action-due_on": "2026-12-01"},
        follow=True,
    )
    assert "Jede Vereinbarung braucht jemanden, der sie erledigt." in response.content.decode()
    assert not ActionItem.objects.exists()
    client.post(
        reverse("meetings:action_add", args=[meeting.pk]),
        {
            "action-what": "Sprachcafé anfragen",
            "action-owner": sgb2_worker.pk,
            "action-due_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "action-agenda_item": case_item.pk,
        },
    )

    client.post(reverse("meetings:close", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED
    assert case.proposals.get().status == ProposalStatus.CONSULTED

    # Read-only now: edits are refused, corrections are new entries.
    response = client.post(
        reverse("meetings:consultation", args=[meeting.pk, case_item.pk]),
        {"question": "geändert", "agreement": "geändert"},
        follow=True,
    )
    assert "Fügen Sie stattdessen eine Korrektur hinzu." in response.content.decode()
    assert Consultation.objects.get().agreement == "Sprachcafé ausprobieren"
    client.post(
        reverse("meetings:agenda_add_topic", args=[meeting.pk]),
        {"topic-kind": "topic", "topic-title": "Nachtrag", "topic-planned_minutes": "5"},
    )
    assert meeting.agenda_items.count() == 2
    client.post(reverse("meetings:correction_add", args=[meeting.pk]), {"correction-text": "Termin ist am Montag."})
    assert "Termin ist am Montag." in client.get(meeting.get_absolute_url()).content.decode()


def test_action_item_is_on_the_owners_start_page_until_done(client, meeting, styrum_lead, sgb2_worker):
    action = services.add_action_item(
        meeting,
        ActionItem(what="Kita anrufen", owner=sgb2_worker, due_on=timezone.localdate() - timedelta(days=2)),
    )
    client.force_login(sgb2_worker)
    page = client.get(reverse("home")).content.decode()
    assert "Kita anrufen" in page and "überfällig" in page
    client.post(reverse("meetings:action_done", args=[action.pk]))  # done in the meeting: done in the tasks too
    assert client.get(reverse("home")).context["tasks_this_week"] == []


def test_next_meeting_lists_overdue_items_of_earlier_meetings(client, series, styrum_lead, sgb2_worker):
    earlier = series.meetings.filter(date__lt=timezone.localdate()).order_by("date").last()
    ActionItem.objects.create(
        meeting=earlier, what="Bericht schreiben", owner=sgb2_worker, due_on=timezone.localdate() - timedelta(days=1)
    )
    client.force_login(styrum_lead)
    response = client.get(reverse("meetings:next_meeting", args=[series.team_id]), follow=True)
    html = response.content.decode()
    assert "Offene Vereinbarungen aus früheren Sitzungen" in html
    assert "Bericht schreiben" in html and "überfällig" in html


def test_consultation_shows_in_the_case_timeline_for_full_access_only(
    client, meeting, proposal, case, styrum_lead, sgb2_worker, sgb8_worker
):
    item = services.put_on_agenda(meeting, proposal)
    Consultation.objects.create(
        agenda_item=item, case=case, question="?", agreement="Vereinbart: Sprachcafé", recorded_by=styrum_lead
    )
    client.force_login(sgb2_worker)
    assert "Vereinbart: Sprachcafé" in client.get(case.get_absolute_url()).content.decode()
    client.force_login(sgb8_worker)
    assert "Vereinbart: Sprachcafé" not in client.get(case.get_absolute_url()).content.decode()


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_calendar_and_preparation_keep_a_fixed_number_of_queries(
    client, series, meeting, case, styrum_lead, sgb2_worker, django_assert_max_num_queries
):
    def add_items(numbers):
        for number in numbers:
            proposal = services.propose_case(sgb2_worker, case, f"Frage {number}")
            item = services.put_on_agenda(meeting, proposal)
            ActionItem.objects.create(
                meeting=meeting,
                agenda_item=item,
                what=f"Aufgabe {number}",
                owner=sgb2_worker,
                due_on=timezone.localdate(),
            )
            services.propose_case(sgb2_worker, case, f"Noch offen {number}")

    client.force_login(styrum_lead)
    add_items([0])
    year_url, month_url = reverse("meetings:calendar_year"), reverse("meetings:calendar_month")
    few = {url: queries(client, url) for url in (year_url, month_url, meeting.get_absolute_url())}
    add_items(range(1, 12))
    series.end_date += timedelta(days=365)
    series.save()
    services.generate_meetings(series)
    for url, count in few.items():
        with django_assert_max_num_queries(count):
            client.get(url)


def test_agenda_item_buttons_work_with_htmx(client, meeting, proposal, styrum_lead):
    item = services.put_on_agenda(meeting, proposal)
    client.force_login(styrum_lead)
    response = client.post(
        reverse("meetings:agenda_item", args=[meeting.pk, item.pk]),
        {"presenter": styrum_lead.pk, "planned_minutes": "45", "version": item.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert '<div id="agenda-editor">' in response.content.decode()
    assert AgendaItem.objects.get().planned_minutes == 45
