"""A caseworker finds a client by the top bar's search despite a typo (issue 10)."""

import pytest
from playwright.sync_api import Page, expect

from cases.models import Case
from districts.models import Team
from tests.factories import CaseFactory
from tests.helpers import log_in

pytestmark = pytest.mark.browser


def test_caseworker_types_muller_in_the_top_search_and_opens_the_case(page: Page, demo_site, screenshot_dir):
    worker_case = Case.objects.filter(caseworker__username="fk-styrum-sgb2").select_related("caseworker").first()
    team = Team.objects.get(pk=worker_case.team_id)
    wanted = CaseFactory(team=team, caseworker=worker_case.caseworker, first_name="Hannelore", last_name="Müller")
    log_in(page, demo_site.url, "fk-styrum-sgb2")

    page.keyboard.press("/")  # the search box takes the focus
    expect(page.locator("#top-search")).to_be_focused()
    page.keyboard.type("Muller")
    hit = page.locator("#top-search-results").get_by_role("option", name="Müller, Hannelore")
    expect(hit).to_be_visible()
    page.screenshot(path=screenshot_dir / "search-dropdown.png")
    hit.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(wanted.reference)
    assert "uller" not in page.url  # the name never went into an address

    # Enter leads to the full results page, still without the name in the address.
    page.locator("#top-search").fill("Hetner")
    page.locator("#top-search").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Suche")
    assert "etner" not in page.url
    page.screenshot(path=screenshot_dir / "search-results.png", full_page=True)
