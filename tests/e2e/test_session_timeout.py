"""The idle warning in a real browser: it comes before the session ends, "Weiterarbeiten"
keeps the session, and what was typed survives an ended session (WCAG 2.2.1)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from cases.models import Case
from tests.helpers import log_in

pytestmark = pytest.mark.browser


def test_warning_continue_and_typed_input_kept_over_a_new_sign_in(page: Page, demo_site, settings):
    settings.SESSION_COOKIE_AGE = 8  # the warning comes at once, the end after 8 seconds
    case = Case.objects.filter(caseworker__username="fk-styrum-sgb2").order_by("reference").first()
    log_in(page, demo_site.url, "fk-styrum-sgb2")
    page.goto(f"{demo_site.url}{reverse('cases:goal_add', args=[case.reference])}")
    page.get_by_label("Ziel", exact=False).first.fill("Einen Termin beim Bewerbungstreff ausmachen")
    expect(page.locator("#session-warning")).to_be_visible(timeout=4000)
    page.get_by_role("button", name="Weiterarbeiten").click()
    expect(page.locator("#session-warning")).to_be_hidden()
    # No further click: the session ends, the typed goal stays in the tab.
    page.wait_for_url("**/anmelden/**", timeout=15000)
    settings.SESSION_COOKIE_AGE = 1800
    page.get_by_label("Benutzername").fill("fk-styrum-sgb2")
    page.get_by_label("Passwort").fill("sozialraum-demo")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("#unsaved-input")).to_be_visible()
    page.get_by_role("button", name="Eingaben wiederherstellen").click()
    expect(page.get_by_label("Ziel", exact=False).first).to_have_value("Einen Termin beim Bewerbungstreff ausmachen")
