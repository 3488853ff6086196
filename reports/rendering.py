"""The committee report as a context, and that context as HTML, PDF (PDF/UA), XLSX and CSV."""

import base64
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cases.constants import WorkKind
from reports import charts
from reports.figures import ReportFigures
from reports.tables import COUNT, NOTHING, PERCENT, SECRET, ShownValue, Table, mark_text
from sozialraum import pdf
from sozialraum.db_router import reading_from_replica
from sozialraum.exports import append_row, csv_writer
from sozialraum.formats import format_number
from sozialraum.periods import Period

SECTIONS = {
    "profile": gettext_lazy("Profile of the districts"),
    "cases": gettext_lazy("Case work"),
    "work": gettext_lazy("Work mix"),
    "network": gettext_lazy("Network"),
    "meetings": gettext_lazy("Sozialraum teams"),
    "budget": gettext_lazy("Sozialraumbudget"),
}


def marks_legend(limit: int) -> str:
    return _(
        "“< %(limit)s”: fewer than %(limit)s, kept secret. “x”: value kept secret so that a small number "
        "cannot be computed from it. “–”: nothing."
    ) % {"limit": limit}


@dataclass
class Chart:
    svg: str  # "" where there is nothing to draw: the alternative text stands alone
    alternative: str

    @classmethod
    def of(cls, values: Iterable[float | None], draw: Callable[[], str], alternative: str, title: str) -> "Chart":
        """A chart, or — without a single value to draw — one sentence instead of empty axes."""
        if not any(value for value in values):
            return cls("", _("%(title)s: no figures in this period.") % {"title": title})
        return cls(draw(), alternative)

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
    with reading_from_replica():  # figures only: nothing here needs the latest write
        return report_context(municipality, districts, period, sections)


def report_context(municipality, districts, period: Period, sections: list[str]) -> dict:
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
    if "budget" in sections:
        built.append(Section("budget", SECTIONS["budget"], figures.budget()))
    return {
        "municipality": municipality,
        "districts": list(districts),
        "period": period,
        "previous": figures.previous,
        "sections": built,
        "threshold": threshold(),
        "marks_legend": marks_legend(threshold()),
        "protection_width": settings.REPORT_PROTECTION_WIDTH + 1,
        "generated_at": timezone.localtime(),
        # A report on a period not over yet says so, in the preview and on the PDF's cover.
        "ongoing": period.ongoing,
        "has_data": any(
            not table.is_empty and any(any(v for v in row if v) for row in table.values)
            for section in built
            for table in section.tables
        ),
    }


def work_charts(table: Table, trend) -> list[Chart]:
    kinds = [str(kind.label) for kind in WorkKind]
    series = {kind: [row[index] / 60 for row in table.values] for index, kind in enumerate(kinds)}
    stacked_title = _("Working time in hours by kind of work")
    shares = []
    for label, row in zip(table.row_labels, table.values, strict=True):
        total = sum(row)
        share = format_number(row[2] * 100 / total, 1) if total else "–"
        shares.append(_("%(district)s: %(share)s %% non-case-specific") % {"district": label, "share": share})
    months = [label for label, _values in trend]
    monthly = {str(kind.label): [values[kind] / 60 for _label, values in trend] for kind in WorkKind}
    line_title = _("Working time per month in hours (twelve months)")
    return [
        Chart.of(
            [value for row in table.values for value in row],
            lambda: charts.stacked_bars(table.row_labels, series, stacked_title),
            _("Stacked bars of the working time per district. %(shares)s.") % {"shares": "; ".join(shares)},
            stacked_title,
        ),
        Chart.of(
            [value for values in monthly.values() for value in values],
            lambda: charts.lines(months, monthly, line_title),
            _(
                "Lines of the working time per month and kind of work, from %(first)s to %(last)s; the "
                "figures are in the table “%(table)s”."
            )
            % {"first": months[0], "last": months[-1], "table": _("Working time by kind of work (minutes)")},
            line_title,
        ),
    ]


def network_charts(rates: Table) -> list[Chart]:
    older = rates.values[0]
    title = _("Offers for older people per 1,000 inhabitants over 60")
    text = "; ".join(
        f"{label}: {'–' if value is None else format_number(value, 1)}"
        for label, value in zip(rates.columns, older, strict=True)
    )
    alternative = _("Bars per district. %(figures)s.") % {"figures": text}
    return [Chart.of(older, lambda: charts.bars(rates.columns, older, title), alternative, title)]


def render_html(context: dict) -> str:
    return render_to_string("reports/report_body.html", context)


def render_pdf(context: dict) -> bytes:
    return pdf.render_pdf("reports/report_pdf.html", context)


def cell_value(shown: ShownValue, limit: int):
    """A published number as a number; a hidden one as its mark ("< 5", "x")."""
    if shown.mark:
        return mark_text(shown.mark, limit)
    value = shown.value
    if isinstance(value, Decimal):  # money stays exact in the spreadsheet
        return value
    return float(value) if value is not None and not isinstance(value, int) else value


def change_value(change):
    return SECRET if change is None else change


# Sheet names (Excel: at most 31 characters); a table without one gets its shortened title.
SHEET_NAMES = {
    "profil": gettext_lazy("Key figures"),
    "faelle_eroeffnet": gettext_lazy("Cases opened"),
    "faelle_abgeschlossen": gettext_lazy("Cases closed"),
    "faelle_offen": gettext_lazy("Open cases"),
    "faelle_themen": gettext_lazy("Topics of cases"),
    "faelle_phasen": gettext_lazy("Open cases by phase"),
    "ziele": gettext_lazy("Goals"),
    "falldauer": gettext_lazy("Case duration"),
    "arbeit_sozialraum": gettext_lazy("Working time by kind"),
    "arbeit_anteil": gettext_lazy("Non-case-specific share"),
    "arbeit_team": gettext_lazy("Working time by team"),
    "partner": gettext_lazy("Network partners"),
    "netzwerke": gettext_lazy("Networks"),
    "angebote_themen": gettext_lazy("Offers by topic"),
    "angebote_je_1000": gettext_lazy("Offers per 1,000"),
    "vermittlungen": gettext_lazy("Referrals"),
    "sitzungen": gettext_lazy("Team meetings"),
    "fallberatungen": gettext_lazy("Case consultations"),
}


def sheet_names(sections: list[Section]) -> dict[str, str]:
    """A German sheet name per table (Excel: at most 31 characters, no []:*?/\\, unique)."""
    names: dict[str, str] = {}
    for table in (table for section in sections for table in section.tables):
        title = str(SHEET_NAMES.get(table.key, table.title))
        title = re.sub(r"[\[\]:*?/\\]", " ", re.sub(r"\s*\(.*?\)", "", title)).strip()
        while len(title) > 31:
            title = title.rsplit(" ", 1)[0] if " " in title[:31] else title[:31]
        name, number = title, 2
        while name in names.values():
            name = f"{title[:28]} {number}"
            number += 1
        names[table.key] = name
    return names


def render_xlsx(context: dict, pdf_sha256: str = "") -> bytes:
    """A first sheet _("About this report"), then one sheet per table; published numbers are
    numbers, hidden ones their mark ("< 5", "x"), with the marks' legend under the table; the
    header row stays in view and can filter."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    limit = context["threshold"]
    about = workbook.create_sheet(_("About this report"))
    period = context["period"]
    for label, value in [
        (_("Report for the social committee"), context["municipality"].name),
        (_("Districts"), ", ".join(district.name for district in context["districts"])),
        (_("Period from"), period.start),
        (_("Period to"), period.end),
        (_("Generated on"), timezone.make_naive(context["generated_at"])),
        (_("SHA-256 of the PDF file"), pdf_sha256 or "–"),
        (_("Marks"), context["marks_legend"]),
    ]:
        append_row(about, [label, value])
    for row in about.iter_rows(min_row=3, max_row=5, min_col=2, max_col=2):
        row[0].number_format = "DD.MM.YYYY" if row[0].row < 5 else "DD.MM.YYYY HH:MM"
    about.column_dimensions["A"].width = 32
    about.column_dimensions["B"].width = 70
    if context.get("ongoing"):
        append_row(about, [_("Note"), "Der Zeitraum ist noch nicht zu Ende: die Zahlen können sich noch ändern."])
    names = sheet_names(context["sections"])
    for section in context["sections"]:
        for table in section.tables:
            sheet = workbook.create_sheet(names[table.key])
            append_row(sheet, [table.title])
            sheet["A1"].font = Font(bold=True)
            append_row(sheet, [f"{context['municipality'].name}, {context['period'].label}"])
            rows = table_rows(table, limit)
            for row in rows:
                append_row(sheet, row)
            for cell in sheet[3]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "B4"
            sheet.auto_filter.ref = f"A3:{get_column_letter(len(rows[0]))}{2 + len(rows)}"
            sheet.column_dimensions["A"].width = 38
            for number in range(2, len(rows[0]) + 1):
                sheet.column_dimensions[get_column_letter(number)].width = 13
            if table.kind == PERCENT:  # 30,0 % is stored as 0.3 and shown as a percentage
                for line in sheet.iter_rows(min_row=4, max_row=3 + len(rows) - 1, min_col=2):
                    for cell in line:
                        if isinstance(cell.value, int | float):
                            cell.value, cell.number_format = cell.value / 100, "0.0 %"
            if table.protect:
                append_row(sheet, [])
                append_row(sheet, [context["marks_legend"]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_rows(table: Table, limit: int) -> list[list]:
    header = [table.row_header, *table.columns]
    if table.totals:
        header.append(_("Total"))
        if table.has_previous:
            header += [_("Previous period"), _("Change from the previous period")]
    rows = [header]
    for row in table.rows():
        line = [row["label"], *(cell_value(cell, limit) for cell in row["cells"])]
        if table.totals:
            line.append(cell_value(row["total"], limit))
            if table.has_previous:
                line += [cell_value(row["previous"], limit), change_value(row["change"])]
        rows.append(line)
    total = table.total_row()
    if total:
        line = [_("Total"), *(cell_value(cell, limit) for cell in total["cells"]), cell_value(total["total"], limit)]
        if table.has_previous:
            line += [cell_value(total["previous"], limit), change_value(total["change"])]
        rows.append(line)
    return rows


def csv_text(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == COUNT and value == 0:
        return NOTHING
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


def render_csv(table: Table, limit: int) -> bytes:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    for row in table_rows(table, limit):
        figures = row[1:-1] if table.has_previous else row[1:]  # a change of 0 is "0", not "nothing"
        changes = row[-1:] if table.has_previous else []
        writer.writerow(
            [row[0], *(csv_text(value, table.kind) for value in figures), *(csv_text(v, "") for v in changes)]
        )
    return buffer.getvalue().encode("utf-8-sig")
