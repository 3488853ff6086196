"""Issue 20: a passkey as the second factor in a real browser – Chromium's virtual authenticator
stands in for the fingerprint reader: register it, get recovery codes, sign in again with it."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from sozialraum.models import AuditEvent
from tests.helpers import DEMO_PASSWORD, log_in, log_out

pytestmark = pytest.mark.browser


def test_a_caseworker_registers_a_passkey_and_signs_in_with_it(page: Page, demo_site):
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    log_in(page, demo_site.url, "fk-styrum-sgb2")
    page.goto(f"{demo_site.url}{reverse('second_factor_setup')}")
    page.get_by_role("button", name="Passkey registrieren").click()
    expect(page.get_by_role("heading", name="Wiederherstellungscodes")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert AuditEvent.objects.filter(details__second_factor="passkey enrolled").count() == 1

    log_out(page)
    page.get_by_label("Benutzername").fill("fk-styrum-sgb2")
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{demo_site.url}{reverse('second_factor_verify')}")
    page.get_by_role("button", name="Mit Passkey oder Sicherheitsschlüssel bestätigen").click()
    page.wait_for_url(f"{demo_site.url}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url == f"{demo_site.url}/"
