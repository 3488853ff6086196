"""Four-eyes grants end to end (issue 11): the administrator cannot give itself the Fachkraft role,
asks for it for a colleague, a second administrator approves, the data protection officer sees
the three events."""

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import log_in, log_out

pytestmark = pytest.mark.browser


def request_caseworker_role(page: Page, base_url: str, for_whom: str) -> None:
    page.goto(f"{base_url}/berechtigungen/beantragen/")
    page.get_by_label("Für").select_option(label=for_whom)
    page.get_by_label("Rolle vergeben").check()
    page.locator("#id_group").select_option(label="Fachkraft")
    page.get_by_label("Begründung").fill("Dienstbeginn 1.12.")
    page.get_by_role("button", name="Beantragen").click()


def test_fachkraft_role_needs_a_second_administrator(page: Page, demo_site, screenshot_dir):
    base = demo_site.url
    log_in(page, base, "admin")
    page.get_by_role("link", name="Berechtigungen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Offene Berechtigungsänderungen")

    request_caseworker_role(page, base, "Andrea Admin (admin)")
    expect(page.get_by_role("alert")).to_contain_text("keinen Zugriff für sich selbst beantragen")
    expect(page.get_by_label("Begründung")).to_have_value("Dienstbeginn 1.12.")
    page.screenshot(path=screenshot_dir / "access-request-refused.png", full_page=True)

    request_caseworker_role(page, base, "Paul Planer (planung)")
    expect(page.get_by_text("Beantragt.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Paul Planer")
    expect(row).to_contain_text("Eine zweite Person muss Ihren Antrag freigeben")
    expect(row.get_by_role("button", name="Freigeben")).to_have_count(0)
    log_out(page)

    log_in(page, base, "admin2")
    page.goto(f"{base}/berechtigungen/")
    page.screenshot(path=screenshot_dir / "access-requests-pending.png", full_page=True)
    page.get_by_role("row").filter(has_text="Paul Planer").get_by_role("button", name="Freigeben").click()
    expect(page.get_by_text("Freigegeben: Paul Planer")).to_be_visible()
    expect(page.get_by_text("Keine Berechtigungsänderung wartet auf Freigabe.")).to_be_visible()
    log_out(page)

    log_in(page, base, "datenschutz")
    page.goto(f"{base}/datenschutz/protokoll/")
    table = page.locator("table")
    refused = table.get_by_role("row").filter(has_text="verweigert")
    expect(refused).to_contain_text("admin")
    expect(refused).to_contain_text("Konto: admin · Rolle: Fachkraft")
    requested = table.get_by_role("row").filter(has_text="beantragt").filter(has_text="districts.accessrequest")
    expect(requested).to_contain_text("Konto: planung · Rolle: Fachkraft")
    approved = table.get_by_role("row").filter(has_text="freigegeben").filter(has_text="districts.accessrequest")
    expect(approved).to_contain_text("admin2")
    expect(approved).to_contain_text("Konto: planung · Rolle: Fachkraft")
    page.screenshot(path=screenshot_dir / "audit-trail-access-changes.png", full_page=True)
