"""The roster of a network as CSV, XLSX and PDF, all with the Ulm columns."""

import io

from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from networks.constants import ROSTER_COLUMNS
from networks.models import Network
from sozialraum.exports import append_row, csv_writer
from sozialraum.pdf import render_pdf


def roster(network: Network):
    return network.memberships.select_related("partner", "representative", "deputy").order_by("position", "id")


def roster_rows(network: Network) -> list[list[str]]:
    rows = []
    for membership in roster(network):
        person, deputy = membership.representative, membership.deputy
        rows.append(
            [
                membership.field_of_work,
                person.name if person else "",
                person.reach if person else "",
                deputy.name if deputy else "",
                deputy.reach if deputy else "",
            ]
        )
    return rows


def filename(network: Network, extension: str) -> str:
    return f"{slugify(network.name)}-teilnehmende-{timezone.localdate():%Y-%m-%d}.{extension}"


def roster_csv(network: Network) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(ROSTER_COLUMNS)
    writer.writerows(roster_rows(network))
    return buffer.getvalue().encode("utf-8-sig")


def roster_xlsx(network: Network) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Teilnehmende"
    append_row(sheet, ROSTER_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in roster_rows(network):
        append_row(sheet, row)
    for column, width in zip("ABCDE", (38, 26, 34, 26, 34), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def roster_pdf(network: Network, base_url: str) -> bytes:
    return render_pdf(
        "networks/roster_pdf.html",
        {"network": network, "rows": roster_rows(network), "columns": ROSTER_COLUMNS, "today": timezone.localdate()},
        base_url,
    )
