import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.helpers import log_in

pytestmark = pytest.mark.browser


def test_planner_builds_the_ulm_report_and_downloads_it(page: Page, demo_site, screenshot_dir):
    log_in(page, demo_site.url, "planung")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Berichte").click()
    page.get_by_label("Kommune*").select_option(label="Ulm")
    page.get_by_label("Jahr", exact=True).fill("2026")
    page.get_by_role("button", name="Vorschau").click()
    # The worker computes the preview; the page asks until it is there.
    expect(page.get_by_role("status").filter(has_text="Die Zahlen werden berechnet")).to_be_visible()
    expect(page.get_by_label("Jahr", exact=True)).to_have_value("2026")  # the form keeps what was chosen
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    expect(page.get_by_role("heading", name="Vorschau")).to_be_visible()
    expect(page.locator("#table-faelle_eroeffnet")).to_be_visible()
    page.screenshot(path=screenshot_dir / "report-preview.png", full_page=False)

    page.get_by_role("button", name="PDF und XLSX erstellen").click()
    expect(page.get_by_role("status").filter(has_text="In der Warteschlange")).to_be_visible()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)  # a worker picks it up
    expect(page.get_by_role("link", name="PDF herunterladen")).to_be_visible(timeout=15000)  # htmx polling
    page.screenshot(path=screenshot_dir / "report-done.png")

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF herunterladen").click()
    download.value.save_as(screenshot_dir / "report.pdf")
    assert (screenshot_dir / "report.pdf").read_bytes().startswith(b"%PDF")
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX herunterladen").click()
    assert re.match(r"sozialausschuss-ulm-20260101-20261231-\d+\.xlsx", download.value.suggested_filename)
