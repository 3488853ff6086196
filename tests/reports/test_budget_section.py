"""Issue 18: the report's Sozialraumbudget section – planned and spent per district and kind, an
amount spent on fewer cases than the threshold kept secret with the sums that would reveal it."""

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from budgets.models import Budget, Spending
from cases.models import Case
from districts.models import District, Municipality
from reports.rendering import SECTIONS, build_report, render_pdf, render_xlsx, sheet_names
from sozialraum.periods import period_of
from tests.helpers import pdf_text
from tests.reports.test_report import line_starting


def test_budget_section_shows_planned_and_spent_and_hides_amounts_of_few_cases(ulm_cases, planner):
    boefingen, wiblingen = District.objects.get(slug="boefingen"), District.objects.get(slug="wiblingen")
    budgets = {}
    for district, planned in ((boefingen, "150000.00"), (wiblingen, "90000.00")):
        budgets[district.slug] = Budget.objects.create(
            district=district,
            year=2025,
            created_by=planner,
            planned_case=Decimal(planned),
            planned_non_case=Decimal("40000.50"),
        )
    for number, case in enumerate(Case.objects.filter(team__district=boefingen).order_by("id")[:6]):
        Spending.objects.create(
            budget=budgets["boefingen"],
            date=date(2025, 4, 1 + number),
            amount=Decimal("100.10"),
            kind="case",
            purpose="Zuschuss",
            case=case,
            requested_by=planner,
        )
    for case in Case.objects.filter(team__district=wiblingen):  # two cases: one could be recognised
        Spending.objects.create(
            budget=budgets["wiblingen"],
            date=date(2025, 5, 2),
            amount=Decimal("333.33"),
            kind="case",
            purpose="Zuschuss",
            case=case,
            requested_by=planner,
        )
    Spending.objects.create(
        budget=budgets["wiblingen"],
        date=date(2025, 6, 1),
        amount=Decimal("1200.00"),
        kind="non_case",
        purpose="Stadtteilfest",
        requested_by=planner,
    )
    Spending.objects.create(
        budget=budgets["wiblingen"],
        date=date(2024, 6, 1),
        amount=Decimal("999.00"),
        kind="non_case",
        purpose="voriges Jahr",
        requested_by=planner,
    )  # outside the period

    ulm = Municipality.objects.get(slug="ulm")
    report = build_report(ulm, ulm.districts.order_by("name"), period_of("year", 2025), list(SECTIONS))
    text = pdf_text(render_pdf(report))
    planned = line_starting(text, "Böfingen", "Sozialraumbudget geplant für 2025")
    assert planned == "Böfingen 150.000 € 0 € 40.001 € 0 € 190.001 €"
    spent_title = "Sozialraumbudget ausgegeben im Zeitraum"
    assert line_starting(text, "Böfingen", spent_title).startswith("Böfingen 601 €")  # 6 cases: published
    wiblingen_line = line_starting(text, "Wiblingen", spent_title)
    assert "667" not in wiblingen_line and wiblingen_line.startswith("Wiblingen x")  # 2 cases: secret
    assert wiblingen_line.split()[-1] == "x"  # the row total would give it away
    assert "1.200 €" in wiblingen_line  # non-case-specific money is no one's case
    assert line_starting(text, "Summe", spent_title).split()[1] == "x"  # the column total too

    workbook = load_workbook(io.BytesIO(render_xlsx(report)))
    sheet = workbook[sheet_names(report["sections"])["budget_ausgegeben"]]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["Böfingen"][0] == 600.6  # 6 × 100,10 € exactly (the cell keeps the Decimal's digits)
    assert rows["Wiblingen"][0] == "x" and rows["Wiblingen"][2] == 1200
