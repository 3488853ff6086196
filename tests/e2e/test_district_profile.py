import re

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import log_in

pytestmark = pytest.mark.browser


def test_caseworker_opens_styrum_profile(page: Page, demo_site, screenshot_dir):
    log_in(page, demo_site.url, "fk-styrum-sgb8")

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Sozialräume").click()
    page.get_by_role("link", name="Styrum").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Sozialraum Styrum")
    table = page.locator("#indicator-table")
    expect(table.get_by_role("row", name=re.compile("Einwohner insgesamt"))).to_contain_text("15.921")
    expect(table.get_by_role("row", name=re.compile("Einwohner insgesamt"))).to_contain_text("172.593")
    expect(table.get_by_role("row", name=re.compile("Einwohner insgesamt"))).to_contain_text("9,2 % der Stadt")
    expect(table.get_by_role("row", name=re.compile("SGB-II-Quote"))).to_contain_text("28,9 % gegenüber 15,9 %")
    expect(page.get_by_role("heading", name="Sozialraumteam Styrum")).to_be_visible()
    page.screenshot(path=screenshot_dir / "styrum-profile.png", full_page=True)


def test_skip_link_is_the_first_stop_for_keyboard_users(page: Page, demo_site):
    log_in(page, demo_site.url, "planung")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#content")).to_be_focused()


def test_planner_compares_ulm_districts(page: Page, demo_site, screenshot_dir):
    log_in(page, demo_site.url, "planung")
    page.goto(f"{demo_site.url}/kommunen/ulm/")
    row = page.get_by_role("row", name=re.compile("^Einwohner insgesamt"))
    expect(row).to_contain_text("40.857")
    expect(row).to_contain_text("121.541")
    page.screenshot(path=screenshot_dir / "ulm-districts.png", full_page=True)
