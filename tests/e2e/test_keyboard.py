"""Keyboard only (issue 19): open a case, log work on it in the quick dialog, propose it for the
team's consultation – with Tab, Enter, arrow keys, typing and Escape, never the mouse."""

import re

import pytest
from playwright.sync_api import Page, expect

from cases.models import Activity, Case
from meetings.models import CaseProposal
from tests.helpers import log_in

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const e = document.activeElement;
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  return [e.innerText || "", e.value || "", e.getAttribute("aria-label") || "", label].join(" | ");
}"""

SHOWN = """() => { window.dialogShown = new Promise((resolve) =>
  document.getElementById("activity-dialog").addEventListener("shown.bs.modal", resolve, {once: true})); }"""


def tab_to(page: Page, text: str = "", field_id: str = "", within: str = "", limit: int = 150) -> None:
    """Tab until the focus is on the link/button with this text (inside `within`, a CSS selector),
    or on the field with this id."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if field_id and page.evaluate("() => document.activeElement.id") == field_id:
            return
        inside = not within or page.evaluate("(css) => !!document.activeElement.closest(css)", within)
        if text and inside and text in page.evaluate(FOCUSED):
            return
    raise AssertionError(f"“{text or field_id}” is not reachable with Tab")


def test_open_log_and_propose_with_the_keyboard_only(page: Page, demo_site):
    case = Case.objects.filter(caseworker__username="fk-styrum-sgb2", status="open").order_by("reference").first()
    before = Activity.objects.filter(case=case).count()
    log_in(page, demo_site.url, "fk-styrum-sgb2")

    tab_to(page, case.reference)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.reference)

    tab_to(page, "Tätigkeit erfassen", within="main")  # the case page's button: it chooses the case
    # Typing before the fade-in ends would race Bootstrap's own focus move at its end.
    page.evaluate(SHOWN)
    page.keyboard.press("Enter")
    dialog = page.locator("#activity-dialog")
    expect(dialog.get_by_role("button", name="Speichern")).to_be_visible()
    page.evaluate("() => window.dialogShown")
    expect(page.locator("#activity-dialog-body :focus")).to_have_count(1)
    tab_to(page, field_id="id_minutes")
    page.keyboard.type("30")
    tab_to(page, field_id="id_activity_type")
    page.keyboard.press("ArrowDown")
    tab_to(page, "Speichern")
    page.keyboard.press("Enter")
    expect(dialog.get_by_role("status")).to_contain_text("Erfasst")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert Activity.objects.filter(case=case).count() == before + 1

    tab_to(page, "Zur Fallberatung vorschlagen", within="main")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/fallberatung/"))
    tab_to(page, field_id="id_question")
    page.keyboard.type("Wie kann das Team den Willen zur Arbeit stärken?")
    tab_to(page, "Speichern")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text=re.compile("Willen zur Arbeit"))).to_be_visible()
    assert CaseProposal.objects.filter(case=case, question__contains="Willen zur Arbeit").exists()
