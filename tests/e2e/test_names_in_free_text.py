"""Issue 12 end to end: a caseworker types the client's name into a goal, is warned, saves anyway;
a colleague of another legal area sees "[Name]" on the case page and in the meeting pack."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.constants import ConsentScope
from cases.models import Case
from meetings import services as meeting_services
from meetings.models import Meeting
from tests.helpers import log_in, log_out, pdf_text

pytestmark = pytest.mark.browser


def test_a_name_typed_into_a_goal_is_warned_about_and_masked_for_others(page: Page, demo_site, screenshot_dir):
    base = demo_site.url
    # A case the team may not see named (no consent for the team).
    case = (
        Case.objects.filter(caseworker__username="fk-styrum-sgb2", status="open")
        .exclude(consents__scope=ConsentScope.TEAM)
        .order_by("reference")
        .first()
    )
    person = case.persons.get(role="main")
    salutation = "Frau" if person.sex == "f" else "Herr"
    goal = f"{salutation} {person.last_name} meldet sich beim Sportverein an"

    log_in(page, base, "fk-styrum-sgb2")
    page.goto(f"{base}{case.get_absolute_url()}")
    page.get_by_role("link", name="Ziel hinzufügen").click()
    page.get_by_label("Ziel*").fill(goal)
    page.get_by_role("button", name="Speichern", exact=True).click()
    warning = page.get_by_role("alert").filter(has_text="Der Text nennt Personen des Falls")
    expect(warning).to_contain_text(f"Der Text enthält den Namen „{person.last_name}“ – im Sozialraumteam wird er")
    expect(warning).to_contain_text(f"{salutation} {person.last_name[0]}. meldet sich beim Sportverein an")
    expect(page.get_by_label("Ziel*")).to_have_value(goal)
    page.screenshot(path=screenshot_dir / "name-warning-goal.png", full_page=True)
    warning.get_by_role("button", name="Trotzdem speichern").click()
    expect(page.get_by_role("status").filter(has_text="Ziel gespeichert")).to_be_visible()
    expect(page.get_by_text(goal)).to_be_visible()  # the caseworker sees what was written
    log_out(page)

    meeting = (
        Meeting.objects.filter(team=case.team, status="planned", date__gte=timezone.localdate())
        .order_by("date")
        .first()
    )
    proposal = meeting_services.propose_case(case.caseworker, case, "Wie gelingt der Einstieg?")
    meeting_services.put_on_agenda(meeting, proposal)

    log_in(page, base, "fk-styrum-sgb8")
    page.goto(f"{base}{case.get_absolute_url()}")
    masked = f"{salutation} [Name] meldet sich beim Sportverein an"
    expect(page.get_by_text(masked)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(person.last_name)
    page.screenshot(path=screenshot_dir / "name-masked-case-page.png", full_page=True)
    page.goto(f"{base}{meeting.get_absolute_url()}")
    pack_link = page.get_by_role("link", name="Sitzungsmappe (PDF)")
    pack = page.request.get(f"{base}{pack_link.get_attribute('href')}")
    assert pack.ok and pack.headers["content-type"] == "application/pdf"
    (screenshot_dir / "meeting-pack-masked.pdf").write_bytes(pack.body())
    text = " ".join(pdf_text(pack.body()).split())
    assert masked in text
    assert person.last_name not in text and person.first_name not in text
