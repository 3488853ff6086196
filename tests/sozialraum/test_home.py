"""The start page is put together from sections the apps register (sozialraum.views.home_sections):
each role sees the sections of its work, and the team links come from the apps that own them."""

from datetime import time

from django.urls import reverse

from meetings.constants import MeetingKind
from meetings.models import ActionItem, Meeting
from meetings.services import add_action_item
from sozialraum.views import home_sections


def test_apps_register_their_sections_once_in_order():
    templates = [section.template for section in home_sections]
    assert templates == [
        "cases/home/my_tasks.html",
        "cases/home/my_work.html",
        "reports/home_runs.html",
        "networks/home_my_networks.html",
        "budgets/home_status.html",
        "meetings/home_network_meetings.html",
        "cases/home/my_district_work.html",
        "districts/home/outdated_indicators.html",
        "districts/home/my_teams.html",
    ]


def test_case_work_sees_my_work_tasks_and_team_links(client, case, styrum_lead, sgb2_worker):
    meeting = Meeting.objects.create(
        team=case.team,
        title="Sozialraumteam",
        kind=MeetingKind.SOZIALRAUMTEAM,
        date=case.opened_on,
        start_time=time(9),
        end_time=time(11),
    )
    add_action_item(
        meeting, ActionItem(what="Flyer zur Sprechstunde drucken", owner=styrum_lead, due_on=case.opened_on)
    )
    client.force_login(styrum_lead)
    html = client.get(reverse("home")).content.decode()
    assert "Meine Arbeit" in html and "Meine offenen Fälle" in html
    assert "Flyer zur Sprechstunde drucken" in html
    assert reverse("cases:team_work", args=[case.team.pk]) in html
    assert reverse("meetings:next_meeting", args=[case.team.pk]) in html
    client.force_login(sgb2_worker)  # a member who does not lead gets no lead links
    html = client.get(reverse("home")).content.decode()
    assert reverse("cases:team_work", args=[case.team.pk]) not in html
    assert "Flyer zur Sprechstunde drucken" not in html


def test_other_roles_see_their_teams_but_no_case_work(client, planner):
    client.force_login(planner)
    html = client.get(reverse("home")).content.decode()
    assert "Willkommen" in html and "Meine Teams" in html
    assert "Meine offenen Fälle" not in html and "Meine Aufgaben" not in html
