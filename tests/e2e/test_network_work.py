import re

import pytest
from playwright.sync_api import Page, expect

from cases.models import Case, Referral
from networks.models import Offer
from tests.helpers import log_in, log_out

pytestmark = pytest.mark.browser


def test_coordinator_keeps_partner_and_roster_and_caseworker_refers(page: Page, demo_site, screenshot_dir):
    log_in(page, demo_site.url, "netzwerk")

    # A partner with a deputy and a contact person.
    page.get_by_role("link", name="Partner", exact=True).click()
    page.get_by_role("link", name="Partner anlegen").click()
    page.get_by_label("Kommune").select_option(label="Ulm")
    page.get_by_label("Name*").fill("Jugendhaus Wiblingen")
    page.get_by_label("Art*").select_option(label="Verein")
    page.get_by_label("Telefon").fill("0731 400 500")
    page.get_by_label("E-Mail").fill("info@jugendhaus.example")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jugendhaus Wiblingen")
    # The deputy does not exist yet: named in the same form, created with the contact.
    page.get_by_role("link", name="Ansprechperson hinzufügen").click()
    page.get_by_label("Name*").fill("Tanja Leiterin")
    page.get_by_label("Funktion").fill("Leitung")
    page.get_by_label("Telefon", exact=True).fill("0731 400 501")
    page.get_by_label("oder neue Stellvertretung: Name").fill("Kai Vertreter")
    page.get_by_label("neue Stellvertretung: Telefon").fill("0731 400 502")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("row", name=re.compile("Tanja Leiterin"))).to_contain_text("Kai Vertreter")

    # Into the Koordinierungsgruppe, then download the roster.
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Netzwerke").click()
    page.get_by_role("link", name="Koordinierungsgruppe Bildung und Soziales Wiblingen").click()
    page.get_by_role("link", name="Mitglied hinzufügen").click()
    page.get_by_label("Partner*").select_option(label="Jugendhaus Wiblingen")
    page.get_by_label("Tätigkeitsfeld*").fill("Offene Jugendarbeit")
    # The person pickers offer only the chosen partner's two contacts (and "none"), not the whole town's.
    expect(page.get_by_label("Person").locator("option:not([hidden])")).to_have_count(3)
    page.get_by_label("Person").select_option(label="Tanja Leiterin (Jugendhaus Wiblingen)")
    page.get_by_label("Stellvertretung").select_option(label="Kai Vertreter (Jugendhaus Wiblingen)")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("row", name=re.compile("Offene Jugendarbeit"))).to_contain_text("Kai Vertreter")
    page.screenshot(path=screenshot_dir / "network-roster.png", full_page=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX").click()
    assert download_info.value.suggested_filename.startswith("koordinierungsgruppe-bildung-und-soziales-wiblingen")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF").click()
    pdf_path = screenshot_dir / "network-roster.pdf"
    download_info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")

    # A roster file from elsewhere: the preview says which partners it would create and asks what they are.
    page.get_by_role("link", name="Teilnehmerliste importieren").click()
    roster = "\r\n".join(
        [
            "Teilnehmendes Tätigkeitsfeld;Person;Kontaktdaten;Stellvertretung;Kontaktdaten",
            "Jugendhaus Wiblingen e.V.;Tanja Leiterin;0731 400 501;Kai Vertreter;",
            "Stadtteilbibliothek Wiblingen;Bernd Buch;0731 161-4400;;",
        ]
    )
    page.get_by_label("Teilnehmerliste (CSV oder XLSX)*").set_input_files(
        files=[{"name": "liste.csv", "mimeType": "text/csv", "buffer": roster.encode()}]
    )
    page.get_by_role("button", name="Datei prüfen").click()
    expect(page.get_by_role("heading", name="2 Tätigkeitsfelder nennen noch keinen Partner")).to_be_visible()
    page.get_by_label("Partner: Jugendhaus Wiblingen e.V.").select_option(label="ist „Jugendhaus Wiblingen“")
    expect(page.get_by_label("Art: Jugendhaus Wiblingen e.V.")).to_be_hidden()  # nothing is created for it
    page.get_by_label("Art: Stadtteilbibliothek Wiblingen").select_option(label="Kommunaler Dienst")
    page.screenshot(path=screenshot_dir / "roster-import-preview.png", full_page=True)
    page.get_by_role("button", name="Jetzt importieren").click()
    expect(page.get_by_text("Mitglieder importiert: 2; neu angelegte Partner: 1.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Stadtteilbibliothek Wiblingen"))).to_contain_text("Bernd Buch")
    log_out(page)

    # A caseworker finds a matching offer from a case and refers — after recording the consent.
    case = (
        Case.objects.filter(caseworker__username="fk-wiblingen-sgb12", status="open", topics__overlap=["leisure"])
        .order_by("reference")
        .first()
    )
    offer = Offer.objects.filter(districts=case.team.district, topics__overlap=case.topics).order_by("title").first()
    log_in(page, demo_site.url, "fk-wiblingen-sgb12")
    page.goto(f"{demo_site.url}{case.get_absolute_url()}")
    offers = page.locator("section[aria-labelledby=offers-heading]")
    expect(offers).to_contain_text(offer.title)
    offers.screenshot(path=screenshot_dir / "case-matching-offers.png")
    offers.get_by_role("listitem").filter(has_text=offer.title).get_by_role("link", name="Vermitteln").click()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("alert").or_(page.locator(".alert-block, .alert-danger")).first).to_contain_text(
        "Es fehlt eine aktive Einwilligung"
    )
    assert not Referral.objects.filter(case=case).exists()

    # The refusal offers to record the consent, with the partner chosen, and comes back afterwards.
    page.get_by_role("link", name="Einwilligung erfassen").click()
    expect(page.get_by_label("Einwilligung für*")).to_have_value("partner")
    expect(page.get_by_label("Partner", exact=True)).to_be_visible()
    expect(page.get_by_label("Sozialraumteam", exact=True)).to_be_hidden()  # only the field of the chosen scope
    page.screenshot(path=screenshot_dir / "consent-form-partner.png", full_page=True)
    page.get_by_label("Einwilligung für*").select_option(label="ein Team")
    expect(page.get_by_label("Sozialraumteam", exact=True)).to_be_visible()
    page.screenshot(path=screenshot_dir / "consent-form-team.png", full_page=True)
    expect(page.get_by_label("Partner", exact=True)).to_be_hidden()
    page.get_by_label("Einwilligung für*").select_option(label="einen benannten Partner")
    expect(page.get_by_label("Partner", exact=True)).to_have_value(str(offer.partner_id))
    expect(page.get_by_label("Zweck*")).to_have_value(f"Vermittlung zu „{offer.title}“")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", name=f"Vermittlung erfassen · {case.reference}")).to_be_visible()
    expect(page.get_by_label("Angebot", exact=True)).to_have_value(str(offer.pk))
    expect(page.get_by_label("Personenbezogene Daten gehen an den Partner")).to_be_checked()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text(f"Vermittlung an {offer.partner.name} erfasst.")).to_be_visible()
    expect(page.locator("section[aria-labelledby=referrals-heading]")).to_contain_text(offer.title)
    page.screenshot(path=screenshot_dir / "case-referral.png", full_page=True)
