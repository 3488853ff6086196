import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.models import Case
from tests.helpers import log_in

pytestmark = pytest.mark.browser


def styrum_sgb2_case() -> Case:
    """A demo case of the SGB II caseworker in Styrum without any consent, so SGB VIII sees it pseudonymised."""
    return (
        Case.objects.filter(caseworker__username="fk-styrum-sgb2", status="open", consents__isnull=True)
        .order_by("reference")
        .first()
    )


def test_caseworker_adds_goal_and_logs_work_and_colleague_sees_case_pseudonymised(
    page: Page, demo_site, screenshot_dir
):
    case = styrum_sgb2_case()
    person = case.persons.get(role="main")
    log_in(page, demo_site.url, "fk-styrum-sgb2")

    # Open the case from "Meine Arbeit".
    page.get_by_role("link", name=case.reference).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)
    expect(page.get_by_text(f"{person.first_name} {person.last_name}")).to_be_visible()

    # Add a goal.
    page.get_by_role("link", name="Ziel hinzufügen").click()
    page.get_by_label("Ziel", exact=False).first.fill("Jeden Dienstag den Bewerbungstreff besuchen")
    page.get_by_label("Wer tut was").fill("Person geht hin, Fachkraft fragt nach vier Wochen nach")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("cell", name="Jeden Dienstag den Bewerbungstreff besuchen")).to_be_visible()
    page.screenshot(path=screenshot_dir / "case-full-access.png", full_page=True)

    # Log work from the quick dialog.
    page.get_by_role("button", name="Tätigkeit erfassen").or_(
        page.get_by_role("link", name="Tätigkeit erfassen")
    ).first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("Minuten")).to_be_visible()
    dialog.get_by_label("Minuten").fill("40")
    dialog.get_by_role("combobox", name=re.compile(r"^Art")).select_option(label="Hausbesuch")
    dialog.get_by_role("combobox", name=re.compile(r"^Fall")).select_option(label=case.reference)
    dialog.get_by_label("Notiz").fill("Hausbesuch, Unterlagen sortiert")
    dialog.get_by_role("button", name="Speichern").click()
    expect(dialog.get_by_role("status")).to_contain_text("Erfasst:")
    page.screenshot(path=screenshot_dir / "quick-activity.png")
    dialog.get_by_role("button", name="Schließen").click()

    # It shows on "Meine Arbeit".
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Meine Arbeit").click()
    recent = page.get_by_role("region", name="Letzte Tätigkeiten").or_(
        page.locator("section[aria-labelledby=recent-heading]")
    )
    expect(recent.first).to_contain_text(f"{timezone.localdate():%d.%m.%Y} · Hausbesuch · 40 Min.")
    page.screenshot(path=screenshot_dir / "my-work.png", full_page=True)

    # A colleague of another legal area opens the same case: pseudonymised.
    page.get_by_role("button", name=case.caseworker.get_full_name()).click()
    page.get_by_role("button", name="Abmelden").click()
    log_in(page, demo_site.url, "fk-styrum-sgb8")
    page.goto(f"{demo_site.url}{case.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("pseudonymisiert")
    expect(page.get_by_role("cell", name="Jeden Dienstag den Bewerbungstreff besuchen")).to_be_visible()
    content = page.content()
    for value in [person.first_name, person.last_name, person.street, person.phone, f"{person.birth_date:%d.%m.%Y}"]:
        assert value not in content
    expect(page.get_by_text(re.compile(r"Altersgruppe \d+"))).to_be_visible()
    page.screenshot(path=screenshot_dir / "case-pseudonymised.png", full_page=True)
