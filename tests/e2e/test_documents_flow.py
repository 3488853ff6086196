"""Issue 17 in the browser: a caseworker files the signed consent as a PDF on the consent record,
prints a Schweigepflichtentbindung letter and the help plan; the pages print without navigation."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from cases.constants import ConsentScope
from cases.models import Attachment, Case, Consent
from tests.helpers import log_in, pdf_text

pytestmark = pytest.mark.browser

SIGNED = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def test_file_a_signed_consent_and_print_a_letter_and_the_help_plan(page: Page, demo_site, screenshot_dir, tmp_path):
    case = Case.objects.filter(caseworker__username="fk-styrum-sgb2", status="open").order_by("reference").first()
    consent = Consent.objects.create(
        case=case,
        scope=ConsentScope.TEAM,
        team=case.team,
        purpose="Austausch mit der Schuldnerberatung",
        given_on=date(2026, 11, 1),
        recorded_by=case.caseworker,
    )
    signed = tmp_path / "einwilligung-unterschrieben.pdf"
    signed.write_bytes(SIGNED)

    log_in(page, demo_site.url, "fk-styrum-sgb2")
    page.goto(f"{demo_site.url}{case.get_absolute_url()}")
    page.locator("section[aria-labelledby=consents-heading] li").filter(
        has_text="Austausch mit der Schuldnerberatung"
    ).get_by_role("link", name="Unterschriebenes Formular ablegen").click()
    page.get_by_label("Titel").fill("Schweigepflichtentbindung, unterschrieben")
    page.get_by_label("Datei").set_input_files(str(signed))
    page.get_by_role("button", name="Ablegen").click()
    expect(page.locator("section[aria-labelledby=documents-heading]")).to_contain_text(
        "Schweigepflichtentbindung, unterschrieben"
    )
    assert Attachment.objects.get(case=case).consent == consent

    # The case page prints without navigation, buttons or forms.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Tätigkeit erfassen")).to_be_hidden()
    page.pdf(path=str(screenshot_dir / "case-printed.pdf"))
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Brief schreiben").click()
    page.get_by_label("Brief").select_option(label="Schweigepflichtentbindung")
    page.get_by_label("Einwilligung").select_option(value=str(consent.pk))
    with page.expect_download() as letter:
        page.get_by_role("button", name="Drucken (PDF)").click()
    letter_path = screenshot_dir / "schweigepflichtentbindung.pdf"
    letter.value.save_as(letter_path)
    assert "Austausch mit der Schuldnerberatung" in pdf_text(letter_path.read_bytes())

    page.goto(f"{demo_site.url}{case.get_absolute_url()}")
    with page.expect_download() as plan:
        page.get_by_role("link", name="Hilfeplan drucken (PDF)").click()
    plan_path = screenshot_dir / "hilfeplan.pdf"
    plan.value.save_as(plan_path)
    assert "Hilfeplan" in pdf_text(plan_path.read_bytes())
