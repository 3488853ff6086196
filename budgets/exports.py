"""A budget as XLSX: planned, booked and left per kind, and the booked spending (case references
only where the reader may see the case; never a name)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from cases.pseudonym import free_text
from sozialraum.exports import append_row

EURO = '#,##0.00 "€"'


def euros(sheet, *columns: int) -> None:
    """The last row's amounts shown as euros (the cells keep their exact Decimal values)."""
    for column in columns:
        sheet.cell(row=sheet.max_row, column=column).number_format = EURO


def budget_xlsx(budget, lines, spendings) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Budget")[:31]
    append_row(sheet, [f"{_('Sozialraumbudget')} {budget}"])
    sheet["A1"].font = Font(bold=True)
    append_row(sheet, [_("Kind"), _("planned"), _("booked"), _("left")])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for line in lines:
        append_row(sheet, [str(line.label), line.planned, line.booked, line.remaining])
        euros(sheet, 2, 3, 4)
    totals = [sum(getattr(line, name) for line in lines) for name in ("planned", "booked", "remaining")]
    append_row(sheet, [_("Total"), *totals])
    euros(sheet, 2, 3, 4)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    append_row(sheet, [])
    append_row(sheet, [_("Date"), _("amount"), _("Kind"), _("purpose"), _("cost centre / product"), _("case")])
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font = Font(bold=True)
    for spending in spendings:
        purpose = "" if spending.purpose_hidden else spending.purpose
        if spending.visible_case is not None:
            purpose = free_text(purpose, spending.visible_case)  # as the page shows it
        append_row(
            sheet,
            [
                spending.date,
                spending.amount,
                spending.get_kind_display(),
                purpose,
                spending.cost_centre,
                spending.shown_case,
            ],
        )
        sheet.cell(row=sheet.max_row, column=1).number_format = "DD.MM.YYYY"
        euros(sheet, 2)
    for column, width in zip("ABCDEF", (26, 16, 16, 40, 18, 16), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
