"""Issue 18 in the browser: a planner enters Böfingen's budget, the team lead books a
non-case-specific spending for a Stadtteilaktion, the planner sees the share and builds the
committee report with its budget section."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from budgets.models import Budget, Spending
from tests.helpers import log_in, log_out, pdf_text

pytestmark = pytest.mark.browser


def test_budget_from_planning_to_booking_to_the_report(page: Page, demo_site, screenshot_dir):
    year = timezone.localdate().year
    # The demo has Böfingen's budget of this year already: the planner enters it here.
    Spending.objects.filter(budget__district__slug="boefingen", budget__year=year).delete()
    Budget.objects.filter(district__slug="boefingen", year=year).delete()

    log_in(page, demo_site.url, "planung")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Budget").click()
    page.get_by_role("link", name="Neues Budget").click()
    page.get_by_label("Sozialraum*").select_option(label="Böfingen (Ulm)")
    expect(page.get_by_label("Jahr*")).to_have_value(str(year))
    page.get_by_label("fallspezifisch", exact=True).fill("150.000,00")
    page.get_by_label("fallübergreifend", exact=True).fill("40.000")
    page.get_by_label("fallunspezifisch", exact=True).fill("52.000")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", name=f"Sozialraumbudget {year} · Böfingen")).to_be_visible()
    expect(page.locator("#budget-lines")).to_contain_text("242.000,00 €")
    log_out(page)

    # The team lead reaches the district's budget from the team on the start page and books.
    log_in(page, demo_site.url, "leitung-boefingen")
    page.get_by_role("link", name="Sozialraumbudget").first.click()
    page.get_by_role("link", name="Ausgabe buchen").click()
    page.get_by_label("Betrag*").fill("450,00")
    page.get_by_label("Art*").select_option(label="fallunspezifisch")
    page.get_by_label("Zweck*").fill("Stadtteilaktion Frühjahrsputz")
    page.get_by_role("button", name="Buchen").click()
    expect(page.get_by_text("Ausgabe gebucht.")).to_be_visible()
    expect(page.locator("#budget-lines")).to_contain_text("51.550,00 €")  # left of the non-case budget
    log_out(page)

    # The planner sees the share of money beside the share of time, and builds the report.
    log_in(page, demo_site.url, "planung")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Budget").click()
    page.get_by_role("link", name="Böfingen").first.click()
    expect(page.get_by_text("Vom für Arbeit gebuchten Geld gingen 100,0 %")).to_be_visible()
    page.screenshot(path=screenshot_dir / "budget-detail.png", full_page=True)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Berichte").click()
    page.get_by_label("Kommune*").select_option(label="Ulm")
    page.get_by_label("Jahr", exact=True).fill(str(year))
    page.get_by_role("button", name="Vorschau").click()
    expect(page.get_by_role("status").filter(has_text="Die Zahlen werden berechnet")).to_be_visible()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)  # the worker computes it
    expect(page.locator("#table-budget_ausgegeben")).to_contain_text("450 €")
    page.get_by_role("button", name="PDF und XLSX erstellen").click()
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    expect(page.get_by_role("link", name="PDF herunterladen")).to_be_visible(timeout=15000)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF herunterladen").click()
    pdf = screenshot_dir / "report-with-budget.pdf"
    download.value.save_as(pdf)
    text = pdf_text(pdf.read_bytes())
    assert "Sozialraumbudget ausgegeben im Zeitraum" in text and "Böfingen" in text
