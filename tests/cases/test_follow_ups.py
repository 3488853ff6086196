"""Follow-ups (Wiedervorlagen): every source sets, moves and settles its follow-up; owners tick
them off, postpone and hand them over; nothing of a case leaks to who may not read it."""

import io
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.constants import CaseStatus, ConsentScope, GoalStatus, Phase, ReferralStatus
from cases.models import Consent, FollowUp, FollowUpSource, Goal, PhasePeriod, Referral
from meetings import services as meeting_services
from meetings.models import ActionItem, Consultation
from networks.models import ContactPerson, Network, NetworkMembership, Partner
from tests.helpers import PERSON

TODAY = timezone.localdate()


def sync() -> None:
    call_command("sync_follow_ups", stdout=io.StringIO())


def follow_up_of(source, record) -> FollowUp:
    return FollowUp.objects.get(source=source, source_id=record.pk)


def case_values(case, **changes) -> dict:
    fields = ["service_area", "caseworker", "topics", "phase", "will", "status", "closed_on", "closing_reason"]
    return {name: getattr(case, name) for name in fields} | changes


def test_a_goal_sets_a_follow_up_that_moves_with_its_date_and_ends_when_achieved(case, sgb2_worker):
    goal = services.add_to_case(sgb2_worker, Goal(case=case, title="Deutschkurs B1", due_on=TODAY + timedelta(days=20)))
    follow_up = follow_up_of(FollowUpSource.GOAL, goal)
    assert (follow_up.owner, follow_up.due_on, follow_up.case) == (sgb2_worker, goal.due_on, case)
    goal.refresh_from_db()
    services.update_case_part(sgb2_worker, goal, {"due_on": TODAY + timedelta(days=40)}, goal.version)
    follow_up.refresh_from_db()
    assert follow_up.due_on == TODAY + timedelta(days=40) and follow_up.done_on is None
    goal.refresh_from_db()
    services.update_case_part(sgb2_worker, goal, {"status": GoalStatus.ACHIEVED, "achieved_on": TODAY}, goal.version)
    follow_up.refresh_from_db()
    assert follow_up.done_on == TODAY and follow_up.settled_by_source


def test_a_consent_is_followed_up_four_weeks_before_it_expires_and_not_after_withdrawal(case, sgb2_worker, styrum):
    consent = services.add_to_case(
        sgb2_worker,
        Consent(
            case=case,
            scope=ConsentScope.TEAM,
            team=styrum,
            purpose="Fallberatung",
            given_on=TODAY,
            valid_until=TODAY + timedelta(days=100),
            recorded_by=sgb2_worker,
        ),
    )
    follow_up = follow_up_of(FollowUpSource.CONSENT, consent)
    assert follow_up.due_on == TODAY + timedelta(days=100 - settings.FOLLOW_UP_CONSENT_DAYS)
    services.withdraw_consent(sgb2_worker, consent)
    follow_up.refresh_from_db()
    assert follow_up.settled_by_source


def test_a_referral_without_outcome_comes_back_after_the_configured_days(case, sgb2_worker):
    partner = Partner.objects.create(municipality=case.team.district.municipality, name="Kita Sonnenschein")
    referral = services.refer(
        sgb2_worker, Referral(case=case, partner=partner, date=TODAY, hands_over_personal_data=False)
    )
    follow_up = follow_up_of(FollowUpSource.REFERRAL, referral)
    assert follow_up.due_on == TODAY + timedelta(days=settings.FOLLOW_UP_REFERRAL_DAYS)
    services.update_referral(sgb2_worker, referral, ReferralStatus.ACCEPTED, "Platz ab März zugesagt", 1)
    follow_up.refresh_from_db()
    assert follow_up.settled_by_source


def test_a_case_long_in_detachment_comes_back_and_the_phases_keep_their_dates(case, sgb2_worker):
    assert list(case.phase_periods.values_list("phase", "started_on", "ended_on")) == [
        (Phase.START, case.opened_on, None)
    ]
    services.update_case(sgb2_worker, case, case_values(case, phase=Phase.DETACHMENT), case.version)
    period = PhasePeriod.objects.get(case=case, ended_on__isnull=True)
    assert (period.phase, period.started_on) == (Phase.DETACHMENT, TODAY)
    follow_up = follow_up_of(FollowUpSource.DETACHMENT, period)
    assert follow_up.due_on == TODAY + timedelta(days=settings.FOLLOW_UP_DETACHMENT_DAYS)
    case.refresh_from_db()
    services.update_case(sgb2_worker, case, case_values(case, phase=Phase.COUNSELLING), case.version)
    follow_up.refresh_from_db()
    assert follow_up.settled_by_source
    assert case.phase_periods.count() == 3 and case.phase_periods.filter(ended_on__isnull=True).count() == 1


def test_a_consultation_and_an_action_item_set_follow_ups_and_done_ticks_the_action_item_off(
    client, meeting, proposal, case, styrum_lead, sgb2_worker
):
    item = meeting_services.put_on_agenda(meeting, proposal)
    record = meeting_services.save_consultation(
        styrum_lead, item, Consultation(), {"question": "?", "follow_up_on": TODAY + timedelta(days=30)}
    )
    assert follow_up_of(FollowUpSource.CONSULTATION, record).owner == sgb2_worker
    action = meeting_services.add_action_item(
        meeting, ActionItem(agenda_item=item, what="Jobcenter anrufen", owner=sgb2_worker, due_on=TODAY)
    )
    follow_up = follow_up_of(FollowUpSource.ACTION_ITEM, action)
    client.force_login(sgb2_worker)
    assert "Jobcenter anrufen" in client.get(reverse("cases:my_tasks")).content.decode()
    client.post(reverse("cases:follow_up_done", args=[follow_up.pk]))
    action.refresh_from_db()
    follow_up.refresh_from_db()
    assert action.done_on == TODAY and follow_up.done_on == TODAY and not follow_up.settled_by_source


def test_a_coordinator_is_asked_to_check_a_contact_after_a_year(client, coordinator, reference_data):
    from districts.models import Municipality

    municipality = Municipality.objects.first()
    partner = Partner.objects.create(municipality=municipality, name="Familienzentrum Nord")
    network = Network.objects.create(municipality=municipality, name="Netzwerk Frühe Hilfen", coordinator=coordinator)
    NetworkMembership.objects.create(network=network, partner=partner, field_of_work="Familien")
    contact = ContactPerson.objects.create(partner=partner, name="Frau Kaya")
    sync()
    follow_up = follow_up_of(FollowUpSource.CONTACT_CHECK, contact)
    assert (follow_up.owner, follow_up.due_on, follow_up.partner) == (coordinator, TODAY, partner)
    client.force_login(coordinator)
    assert "Frau Kaya" in client.get(reverse("cases:my_tasks")).content.decode()
    client.post(reverse("networks:mark_checked", args=["contact", contact.pk]))
    follow_up.refresh_from_db()
    assert follow_up.due_on == TODAY + timedelta(days=365) and follow_up.done_on is None


def test_sync_is_idempotent_and_catches_records_made_outside_the_services(case, sgb2_worker):
    goal = Goal.objects.create(case=case, title="Schulden ordnen", due_on=TODAY + timedelta(days=5))
    sync()
    sync()
    assert FollowUp.objects.filter(source=FollowUpSource.GOAL, source_id=goal.pk).count() == 1


def test_a_postponed_or_done_follow_up_stays_so_while_its_source_keeps_its_date(case, sgb2_worker):
    goal = services.add_to_case(sgb2_worker, Goal(case=case, title="Wohnung", due_on=TODAY + timedelta(days=3)))
    follow_up = follow_up_of(FollowUpSource.GOAL, goal)
    from cases import follow_up_actions

    follow_up_actions.postpone(sgb2_worker, follow_up, TODAY + timedelta(days=10), "Urlaub", follow_up.version)
    sync()
    follow_up.refresh_from_db()
    assert follow_up.due_on == TODAY + timedelta(days=10) and follow_up.postponed_reason == "Urlaub"


def test_a_new_caseworker_takes_over_the_open_follow_ups_and_a_closed_case_ends_them(case, sgb2_worker, sgb2_colleague):
    goal = services.add_to_case(sgb2_worker, Goal(case=case, title="Arbeit", due_on=TODAY + timedelta(days=3)))
    services.update_case(sgb2_worker, case, case_values(case, caseworker=sgb2_colleague), case.version)
    follow_up = follow_up_of(FollowUpSource.GOAL, goal)
    assert follow_up.owner == sgb2_colleague
    case.refresh_from_db()
    closed = case_values(case, status=CaseStatus.CLOSED, closed_on=TODAY, closing_reason="goals_reached")
    services.update_case(sgb2_colleague, case, closed, case.version)
    assert not FollowUp.objects.open().filter(case=case).exists()


def test_set_on_the_case_in_two_clicks_and_only_with_full_access(client, case, sgb2_worker, sgb8_worker):
    url = reverse("cases:case_follow_up", args=[case.reference])
    client.force_login(sgb2_worker)
    response = client.post(url, {"in_days": "14", "reason": ""})
    assert response.status_code == 302
    follow_up = FollowUp.objects.get(case=case, source=FollowUpSource.MANUAL)
    assert (follow_up.owner, follow_up.due_on) == (sgb2_worker, TODAY + timedelta(days=14))
    client.force_login(sgb8_worker)  # pseudonymised reader of the same team
    assert client.post(url, {"in_days": "30"}).status_code == 404


def test_a_past_date_gets_a_german_message_and_keeps_the_reason(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    response = client.post(
        reverse("cases:case_follow_up", args=[case.reference]),
        {"due_on": "2020-01-01", "reason": "Bescheid prüfen"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "heute oder später" in html and "Bescheid prüfen" in html
    assert not FollowUp.objects.filter(case=case).exists()


def test_only_the_owner_acts_and_hand_over_stays_in_the_team(client, case, sgb2_worker, sgb2_colleague, outsider):
    from cases import follow_up_actions

    follow_up = follow_up_actions.set_follow_up(sgb2_worker, TODAY, "Rückruf", case=case)
    client.force_login(sgb2_colleague)
    assert client.post(reverse("cases:follow_up_done", args=[follow_up.pk])).status_code == 404
    client.force_login(sgb2_worker)
    change = reverse("cases:follow_up_change", args=[follow_up.pk])
    refused = client.post(change, {"hand_over": "1", "hand_over-colleague": outsider.pk, "hand_over-version": 1})
    assert refused.status_code == 200 and "Auswahl" in refused.content.decode()
    no_reason = client.post(
        change, {"postpone": "1", "postpone-due_on": str(TODAY + timedelta(days=7)), "postpone-version": 1}
    )
    assert no_reason.status_code == 200 and "Dieses Feld ist zwingend erforderlich" in no_reason.content.decode()
    client.post(change, {"hand_over": "1", "hand_over-colleague": sgb2_colleague.pk, "hand_over-version": 1})
    follow_up.refresh_from_db()
    assert follow_up.owner == sgb2_colleague


def test_a_handed_over_follow_up_shows_no_name_to_a_pseudonymised_colleague(client, case, sgb2_worker, sgb8_worker):
    from cases import follow_up_actions

    follow_up = follow_up_actions.set_follow_up(
        sgb2_worker, TODAY, f"{PERSON['first_name']} {PERSON['last_name']} anrufen", case=case
    )
    follow_up_actions.hand_over(sgb2_worker, follow_up, sgb8_worker, follow_up.version)
    client.force_login(sgb8_worker)
    html = client.get(reverse("cases:my_tasks")).content.decode()
    assert case.reference in html and "[Name] anrufen" in html
    assert PERSON["last_name"] not in html and PERSON["first_name"] not in html


def test_my_tasks_groups_by_due_date_and_the_badge_counts_what_is_due(client, case, sgb2_worker):
    from cases import follow_up_actions

    for days, reason in [(-3, "alt"), (0, "heute"), (200, "später")]:
        FollowUp.objects.create(
            source=FollowUpSource.MANUAL,
            case=case,
            owner=sgb2_worker,
            due_on=TODAY + timedelta(days=days),
            reason=reason,
        )
    client.force_login(sgb2_worker)
    response = client.get(reverse("cases:my_tasks"))
    buckets = {bucket.key: [f.reason for f in bucket.follow_ups] for bucket in response.context["buckets"]}
    assert buckets["overdue"] == ["alt"] and buckets["today"] == ["heute"] and buckets["later"] == ["später"]
    html = client.get(reverse("home")).content.decode()
    assert 'id="my-tasks-link"' in html and "Meine Aufgaben: 2 fällig" in html  # overdue + today
    follow_up_actions.mark_done(sgb2_worker, FollowUp.objects.get(reason="alt"))
    assert "Meine Aufgaben: 1 fällig" in client.get(reverse("home")).content.decode()
    follow_up_actions.mark_done(sgb2_worker, FollowUp.objects.get(reason="heute"))
    assert 'id="my-tasks-link"' not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("page", ["cases:my_tasks", "home"])
def test_the_badge_the_start_page_and_my_tasks_count_in_one_query(client, case, sgb2_worker, page):
    """The top bar's badge, the start page's "all tasks" and the buckets of "Meine Aufgaben"
    each counted the open follow-ups anew: one grouped count per request serves them all."""
    for days in (-3, 0, 0, 2, 200):
        FollowUp.objects.create(
            source=FollowUpSource.MANUAL, case=case, owner=sgb2_worker, due_on=TODAY + timedelta(days=days), reason="x"
        )
    client.force_login(sgb2_worker)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(reverse(page)).content.decode()
    counts = [query["sql"] for query in captured if "COUNT" in query["sql"] and "cases_followup" in query["sql"]]
    assert len(counts) == 1, counts
    assert not [
        query["sql"]
        for query in captured
        if query["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "cases_followup"')
    ]
    assert "Meine Aufgaben: 3 fällig" in html  # overdue and today
    assert "<strong>Wiedervorlage</strong>" in html  # (each row names its kind in German)
    # Answered from the index of open follow-ups alone: counting the key read every row's table
    # page too (0.5 ms of the database per page at city scale for 350 open follow-ups).
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {counts[0]}".replace("$1", str(sgb2_worker.pk)))  # (bound by the server)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using followup_open_by_owner" in plan, plan
    if page == "home":
        assert "Alle Aufgaben (5)" in html


def test_team_leads_see_a_number_per_member_not_the_tasks(client, case, sgb2_worker, styrum_lead):
    FollowUp.objects.create(
        source=FollowUpSource.MANUAL, case=case, owner=sgb2_worker, due_on=TODAY - timedelta(days=1), reason="Geheim"
    )
    client.force_login(styrum_lead)
    response = client.get(reverse("home"))
    html = response.content.decode()
    members = dict(response.context["team_overdue"][0][1])
    assert members[sgb2_worker] == 1 and "Geheim" not in html


@pytest.mark.parametrize("page", ["cases:my_tasks", "home"])
def test_task_pages_keep_their_number_of_queries(client, case, sgb2_worker, styrum, page):
    def queries(follow_ups: int) -> int:
        for number in range(follow_ups):
            goal = Goal.objects.create(case=case, title=f"Ziel {number}", due_on=TODAY + timedelta(days=number % 9))
            FollowUp.objects.create(
                source=FollowUpSource.GOAL, source_id=goal.pk, case=case, owner=sgb2_worker, due_on=goal.due_on
            )
            FollowUp.objects.create(
                source=FollowUpSource.MANUAL, case=case, owner=sgb2_worker, due_on=goal.due_on, reason="x"
            )
        client.force_login(sgb2_worker)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(page)).status_code == 200
        return len(captured)

    assert queries(2) == queries(15)


def test_reminder_mail_has_counts_and_a_link_and_nothing_of_the_case(client, mailoutbox, case, sgb2_worker):
    # (mailoutbox sets the in-memory backend; the list itself is read as mail.outbox)
    from cases.reminders import send_reminders

    FollowUp.objects.create(
        source=FollowUpSource.MANUAL,
        case=case,
        owner=sgb2_worker,
        due_on=TODAY - timedelta(days=2),
        reason="Müller anrufen",
    )
    FollowUp.objects.create(source=FollowUpSource.MANUAL, case=case, owner=sgb2_worker, due_on=TODAY, reason="x")
    sgb2_worker.email = "cm@example.org"
    sgb2_worker.save()
    assert send_reminders() == 0  # not switched on
    client.force_login(sgb2_worker)
    client.post(reverse("cases:follow_up_reminder"), {"reminder": "on"})
    assert send_reminders() == 1 and send_reminders() == 0  # once a day
    body = mail.outbox[0].body
    assert "1 Wiedervorlage ist überfällig" in body and "1 ist heute fällig" in body
    assert settings.SITE_URL + reverse("cases:my_tasks") in body
    for secret in (PERSON["last_name"], PERSON["first_name"], case.reference, "anrufen"):
        assert secret not in body and secret not in mail.outbox[0].subject


def test_the_reminder_job_is_claimed_once_a_day_and_enqueued(settings, case, sgb2_worker):
    from datetime import time

    from sozialraum import schedule
    from sozialraum.models import ScheduledRun

    settings.FOLLOW_UP_REMINDER_TIME = time(0, 0)
    assert "follow_up_reminders" in schedule.run_due_jobs()
    assert "follow_up_reminders" not in schedule.run_due_jobs()  # another worker, same day
    assert ScheduledRun.objects.filter(job="follow_up_reminders", day=TODAY).count() == 1


def test_follow_ups_are_in_the_subject_access_export_and_their_reasons_erased_with_the_case(case, sgb2_worker):
    from cases.retention import erase_expired_personal_data
    from cases.subject_access import subject_access

    FollowUp.objects.create(
        source=FollowUpSource.MANUAL, case=case, owner=sgb2_worker, due_on=date(2026, 12, 1), reason="Bescheid prüfen"
    )
    assert "Bescheid prüfen" in str(subject_access(case).as_json()["wiedervorlagen"])
    case.refresh_from_db()
    closed = case_values(case, status=CaseStatus.CLOSED, closed_on=case.opened_on, closing_reason="goals_reached")
    services.update_case(sgb2_worker, case, closed, case.version)
    assert erase_expired_personal_data(today=date(2090, 1, 1)) == 1
    assert not FollowUp.objects.filter(case=case).exclude(reason="").exists()


def test_a_long_task_list_shows_the_first_by_date_and_says_how_many_more(client, case, sgb2_worker, monkeypatch):
    from cases.views import follow_up_views

    monkeypatch.setattr(follow_up_views, "TASKS_ON_PAGE", 3)
    for days in range(5):
        FollowUp.objects.create(
            source=FollowUpSource.MANUAL, case=case, owner=sgb2_worker, due_on=TODAY + timedelta(days=days)
        )
    client.force_login(sgb2_worker)
    response = client.get(reverse("cases:my_tasks"))
    buckets = response.context["buckets"]
    assert sum(len(bucket.follow_ups) for bucket in buckets) == 3
    assert sum(bucket.count for bucket in buckets) == 5  # the headings count all
    assert "2 weitere Wiedervorlagen werden nicht gezeigt" in response.content.decode()


def test_what_users_type_into_a_follow_up_is_escaped(client, case, sgb2_worker):
    from cases import follow_up_actions

    follow_up = follow_up_actions.set_follow_up(sgb2_worker, TODAY, "<script>alert(1)</script>", case=case)
    follow_up_actions.postpone(sgb2_worker, follow_up, TODAY + timedelta(days=1), "<b>später</b>", follow_up.version)
    client.force_login(sgb2_worker)
    html = client.get(reverse("cases:my_tasks")).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;später&lt;/b&gt;" in html
