"""BITV 2.0 / WCAG 2.1 AA kept (issue 19): axe-core (vendored in tests/e2e/vendor, never served)
runs on the pages each role reaches in the demo data, an open dialog and a form with errors, and
fails on any serious or critical violation; the main pages reflow at 320 CSS pixels."""

from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cases.models import Case
from tests.helpers import log_in

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def serious_violations(page: Page) -> list[tuple[str, str]]:
    # (evaluated, not added as a script tag: the pages' CSP allows no inline script, rightly)
    page.checked_by_axe = True  # type: ignore[attr-defined]
    try:
        page.evaluate(AXE + "\n;0")
        # (only the violations are worked out in full: half the time per page)
        result = page.evaluate(
            "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            WCAG_AA,
        )
    finally:
        page.checked_by_axe = False  # type: ignore[attr-defined]
    return [
        (violation["id"], node["target"][0])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
        for node in violation["nodes"]
    ]


# Every role of the demo data; the data protection officer and the administrator too.
ROLES = ["fk-styrum-sgb2", "leitung-styrum", "planung", "netzwerk", "datenschutz", "admin"]
# Our configuration of the Django admin: its start, a list with editable cells, forms with inlines.
ADMIN_PAGES = [
    "/verwaltung/",
    "/verwaltung/districts/indicator/",
    "/verwaltung/districts/municipality/{municipality}/change/",
    "/verwaltung/districts/district/{district}/change/",
    "/verwaltung/districts/team/{team}/change/",
]


def pages_to_check() -> dict[str, list[str]]:
    """Per role the pages it reaches by following links from its start page (as the form fuzzer
    finds them), one page per route; a route already checked for an earlier role is not checked
    again, so the test stays fast while every route is looked at."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from districts.models import District, Team
    from tests.robustness.crawl import crawl, url_name

    checked: set[str] = set()
    result = {}
    for role in ROLES:
        client = Client()
        client.force_login(get_user_model().objects.get(username=role))
        pages, _forms = crawl(client, page_limit=250, per_url_name=1)
        result[role] = [url for url in pages if url_name(url) not in checked]
        checked.update(url_name(url) for url in result[role])
    district = District.objects.order_by("pk").first()
    team = Team.objects.order_by("pk").first()
    result["admin"] += [
        path.format(municipality=district.municipality_id, district=district.pk, team=team.pk) for path in ADMIN_PAGES
    ]
    return result


# Without transitions: a button or field that is still fading to its hover or focus colour while
# axe-core measures would make the contrast check depend on timing (as users who ask for reduced
# motion see the pages).
@pytest.mark.browser_context_args(reduced_motion="reduce")
def test_no_serious_accessibility_violation_on_the_pages_of_each_role(page: Page, demo_site):
    counts = {}
    for role, paths in pages_to_check().items():  # (one demo database for all roles)
        page.context.clear_cookies()
        counts[role] = role_findings(page, demo_site, role, paths)
    assert counts == dict.fromkeys(counts, [])


def role_findings(page: Page, demo_site, role: str, paths: list[str]) -> list:
    log_in(page, demo_site.url, role)
    found = []
    for path in paths:
        page.goto(f"{demo_site.url}{path}")
        found += [(path, rule, target) for rule, target in serious_violations(page)]
    if role == "fk-styrum-sgb2":
        # The quick "Tätigkeit erfassen" dialog, open, then with its errors after an empty save.
        page.goto(f"{demo_site.url}/")
        page.get_by_role("link", name="Tätigkeit erfassen").first.click()
        dialog = page.locator("#activity-dialog")
        expect(dialog.get_by_role("button", name="Speichern")).to_be_visible()
        # (after the fade-in: half-transparent colours are no contrast finding)
        page.wait_for_function("() => getComputedStyle(document.querySelector('#activity-dialog')).opacity === '1'")
        found += [("dialog", rule, target) for rule, target in serious_violations(page)]
        dialog.get_by_label("Minuten").fill("")
        dialog.get_by_role("button", name="Speichern").click()
        expect(dialog.locator(".is-invalid").first).to_be_visible()
        # Focus moved to the first error: Escape still closes the dialog.
        expect(page.locator("#activity-dialog :focus")).to_have_count(1)
        found += [("dialog with errors", rule, target) for rule, target in serious_violations(page)]
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        # A full form with errors.
        page.goto(f"{demo_site.url}/faelle/neu/")
        page.get_by_role("button", name="Fall eröffnen").click()
        found += [("case form with errors", rule, target) for rule, target in serious_violations(page)]
    print(role, len(paths), "pages", Counter(rule for _path, rule, _target in found))
    return found


# The innermost elements that reach past the window's right edge: what to fix when a page is too wide.
WIDEST_ELEMENTS = """() => {
  const limit = document.documentElement.clientWidth;
  return [...document.querySelectorAll("main *")]
    .filter((e) => e.getBoundingClientRect().right > limit + 1)
    .filter((e) => {  // inside a box that scrolls sideways is fine
      for (let up = e.parentElement; up && up !== document.body; up = up.parentElement) {
        if (["auto", "scroll"].includes(getComputedStyle(up).overflowX)) return false;
      }
      return true;
    })
    .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > limit + 1))
    .slice(0, 3)
    .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}: ${e.textContent.trim().slice(0, 60)}`);
}"""


def test_main_pages_reflow_at_320_css_pixels(page: Page, demo_site):
    case = Case.objects.filter(caseworker__username="fk-styrum-sgb2", status="open").order_by("reference").first()
    page.set_viewport_size({"width": 320, "height": 700})
    log_in(page, demo_site.url, "fk-styrum-sgb2")
    too_wide = {}
    for path in [
        "/",
        "/faelle/",
        case.get_absolute_url(),
        "/taetigkeiten/",
        "/aufgaben/",
        "/kalender/",
        "/kalender/monat/",
        "/partner/",
        "/angebote/",
        "/netzwerke/",
        "/sitzungen/reihen/",
    ]:
        page.goto(f"{demo_site.url}{path}")
        width = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if width > 0:
            too_wide[path] = (width, page.evaluate(WIDEST_ELEMENTS))
    assert too_wide == {}


def test_the_year_calendar_shows_all_twelve_months_on_a_laptop_screen(page: Page, demo_site):
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, demo_site.url, "fk-styrum-sgb2")
    page.goto(f"{demo_site.url}/kalender/")
    hidden = page.evaluate(
        "() => { const box = document.querySelector('#calendar-year').parentElement;"
        " return box.scrollWidth - box.clientWidth; }"
    )
    assert hidden <= 0
    expect(page.get_by_role("columnheader", name="Dezember")).to_be_in_viewport()
