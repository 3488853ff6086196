"""Issue 16's flow in the browser: a consultation sets a follow-up, the meeting is closed with
one case carried forward, the next meeting shows the case and the follow-up, and the
caseworker ticks the follow-up off on "Meine Aufgaben"."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.models import Case
from meetings import services
from meetings.constants import AgendaItemKind
from meetings.models import Meeting
from tests.helpers import log_in, log_out

pytestmark = pytest.mark.browser


def test_consultation_follow_up_carry_forward_and_tick_off(page: Page, demo_site, screenshot_dir):
    worker_cases = Case.objects.filter(caseworker__username="fk-styrum-sgb2", status="open").order_by("reference")
    consulted, carried = worker_cases[0], worker_cases[1]
    meeting = (
        Meeting.objects.filter(team=consulted.team, status="planned", date__gte=timezone.localdate())
        .order_by("date")
        .first()
    )
    meeting.agenda_items.filter(kind=AgendaItemKind.CASE).delete()  # only the two cases of this test
    for case in (consulted, carried):
        services.put_on_agenda(meeting, services.propose_case(case.caseworker, case, "Wie weiter?"))
    following = services.following_meeting(meeting)

    log_in(page, demo_site.url, "leitung-styrum")
    page.goto(f"{demo_site.url}{meeting.get_absolute_url()}")
    consultations = page.locator("section[aria-labelledby=consultations-heading] .card")
    consultations.filter(has_text=consulted.reference).get_by_role("link", name="Beratung protokollieren").click()
    page.get_by_label("Vereinbarung").fill("Bewerbungstreff besuchen")
    page.get_by_label("Nächster Schritt").fill("Bewerbung schreiben")
    page.get_by_label("Wiedervorlage am").fill(f"{following.date:%Y-%m-%d}")
    page.get_by_role("button", name="Speichern").click()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sitzung abschließen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sitzung abschließen")
    expect(page.get_by_role("group", name=carried.reference)).to_be_visible()
    expect(page.get_by_label("auf die nächste Sitzung")).to_be_checked()
    page.screenshot(path=screenshot_dir / "meeting-close-carry.png", full_page=True)
    page.get_by_role("button", name="Sitzung abschließen").click()
    expect(page.get_by_text("Das Protokoll ist jetzt schreibgeschützt.")).to_be_visible()

    page.goto(f"{demo_site.url}{following.get_absolute_url()}")
    expect(page.locator("#agenda-editor")).to_contain_text(carried.reference)
    follow_ups = page.locator("section[aria-labelledby=follow-ups-heading]")
    expect(follow_ups).to_contain_text(consulted.reference)
    expect(follow_ups).to_contain_text("Bewerbung schreiben")
    page.screenshot(path=screenshot_dir / "next-meeting-follow-ups.png", full_page=True)
    log_out(page)

    log_in(page, demo_site.url, "fk-styrum-sgb2")
    page.get_by_role("link", name="Alle Aufgaben").click()
    row = (
        page.get_by_role("listitem")
        .filter(has_text="Wiedervorlage aus der Fallberatung")
        .filter(has_text=consulted.reference)
    )
    expect(row).to_be_visible()
    page.screenshot(path=screenshot_dir / "my-tasks.png", full_page=True)
    row.get_by_role("button", name="Erledigt").click()
    expect(page.get_by_text("Wiedervorlage erledigt.")).to_be_visible()
    expect(
        page.get_by_role("listitem")
        .filter(has_text="Wiedervorlage aus der Fallberatung")
        .filter(has_text=consulted.reference)
    ).to_have_count(0)
