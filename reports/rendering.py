"""The committee report as a context, and that context as HTML, PDF (PDF/UA), XLSX and CSV."""

import base64
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from cases.constants import WorkKind
from reports import charts
from reports.figures import ReportFigures
from reports.period import Period
from reports.tables import Table
from sozialraum import pdf
from sozialraum.exports import append_row, csv_writer
from sozialraum.formats import format_number

SECTIONS = {
    "profile": "Profil der Sozialräume",
    "cases": "Fallarbeit",
    "work": "Arbeitsmix",
    "network": "Netzwerk",
    "meetings": "Sozialraumteams",
}


@dataclass
class Chart:
    svg: str
    alternative: str

    @property
    def data_uri(self) -> str:
        """The SVG as an image source: the same picture in the page and in the PDF, with alt text."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table]
    charts: list[Chart] = field(default_factory=list)


def threshold() -> int:
    return settings.REPORT_MIN_COUNT


def build_report(municipality, districts, period: Period, sections: list[str]) -> dict:
    figures = ReportFigures(municipality, districts, period, threshold())
    built = []
    if "profile" in sections:
        built.append(Section("profile", SECTIONS["profile"], figures.profile()))
    if "cases" in sections:
        built.append(Section("cases", SECTIONS["cases"], figures.case_work()))
    if "work" in sections:
        tables = figures.work_mix()
        built.append(Section("work", SECTIONS["work"], tables, work_charts(tables[0], figures.trend())))
    if "network" in sections:
        tables = figures.network()
        built.append(Section("network", SECTIONS["network"], tables, network_charts(tables[3])))
    if "meetings" in sections:
        built.append(Section("meetings", SECTIONS["meetings"], figures.meetings()))
    return {
        "municipality": municipality,
        "districts": list(districts),
        "period": period,
        "previous": figures.previous,
        "sections": built,
        "threshold": threshold(),
        "generated_at": timezone.localtime(),
        "has_data": any(
            not table.is_empty and any(any(v for v in row if v) for row in table.values)
            for section in built
            for table in section.tables
        ),
    }


def work_charts(table: Table, trend) -> list[Chart]:
    kinds = [str(kind.label) for kind in WorkKind]
    series = {kind: [row[index] / 60 for row in table.values] for index, kind in enumerate(kinds)}
    stacked = charts.stacked_bars(table.row_labels, series, "Arbeitszeit in Stunden nach Art der Tätigkeit")
    shares = []
    for label, row in zip(table.row_labels, table.values, strict=True):
        total = sum(row)
        shares.append(f"{label}: {format_number(row[2] * 100 / total, 1) if total else '–'} % fallunspezifisch")
    months = [label for label, _values in trend]
    line = charts.lines(
        months,
        {str(kind.label): [values[kind] / 60 for _label, values in trend] for kind in WorkKind},
        "Arbeitszeit je Monat in Stunden (zwölf Monate)",
    )
    return [
        Chart(stacked, "Gestapelte Balken der Arbeitszeit je Sozialraum. " + "; ".join(shares) + "."),
        Chart(
            line,
            "Linien der Arbeitszeit je Monat und Art der Tätigkeit, von "
            + months[0]
            + " bis "
            + months[-1]
            + "; die Werte stehen in der Tabelle „Arbeitszeit nach Art der Tätigkeit“.",
        ),
    ]


def network_charts(rates: Table) -> list[Chart]:
    older = rates.values[0]
    svg = charts.bars(rates.columns, older, "Angebote für ältere Menschen je 1.000 Über-60-Jährige")
    text = "; ".join(
        f"{label}: {'–' if value is None else format_number(value, 1)}"
        for label, value in zip(rates.columns, older, strict=True)
    )
    return [Chart(svg, f"Balken je Sozialraum. {text}.")]


def render_html(context: dict) -> str:
    return render_to_string("reports/report_body.html", context)


def render_pdf(context: dict) -> bytes:
    return pdf.render_pdf("reports/report_pdf.html", context)


def cell_value(value, hidden: bool, limit: int):
    return f"< {limit}" if hidden else (float(value) if value is not None and not isinstance(value, int) else value)


def render_xlsx(context: dict) -> bytes:
    """One sheet per table; published numbers are numbers, suppressed ones the text "< 5"."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    limit = context["threshold"]
    for section in context["sections"]:
        for table in section.tables:
            sheet = workbook.create_sheet(table.key[:31])
            append_row(sheet, [table.title])
            sheet["A1"].font = Font(bold=True)
            append_row(sheet, [f"{context['municipality'].name}, {context['period'].label}"])
            for row in table_rows(table, limit):
                append_row(sheet, row)
            for cell in sheet[3]:
                cell.font = Font(bold=True)
            sheet.column_dimensions["A"].width = 38
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_rows(table: Table, limit: int) -> list[list]:
    header = [table.row_header, *table.columns]
    if table.totals:
        header.append("Summe")
        if table.has_previous:
            header += ["Vorzeitraum", "Veränderung"]
    rows = [header]
    for row in table.rows():
        line = [row["label"], *(cell_value(cell.value, cell.hidden, limit) for cell in row["cells"])]
        if table.totals:
            line.append(cell_value(row["total"].value, row["total"].hidden, limit))
            if table.has_previous:
                line += [cell_value(row["previous"].value, row["previous"].hidden, limit), row["change"]]
        rows.append(line)
    total = table.total_row()
    if total:
        line = [
            "Summe",
            *(cell_value(cell.value, cell.hidden, limit) for cell in total["cells"]),
            cell_value(total["total"].value, total["total"].hidden, limit),
        ]
        if table.has_previous:
            line += [cell_value(total["previous"].value, total["previous"].hidden, limit), total["change"]]
        rows.append(line)
    return rows


def render_csv(table: Table, limit: int) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    for row in table_rows(table, limit):
        writer.writerow(
            [
                "" if value is None else str(value).replace(".", ",") if isinstance(value, float) else value
                for value in row
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")
