"""One's own work log as XLSX, e.g. for a time sheet: dates, minutes, kinds, reference numbers —
no names and no notes (the file leaves the app)."""

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from cases.constants import WorkKind
from cases.models import Activity
from sozialraum.exports import append_row
from sozialraum.formats import format_duration


def columns() -> list[str]:
    return [
        _("Date"),
        _("Minutes"),
        _("Duration"),
        _("Kind of work"),
        _("Type"),
        _("District"),
        _("Cases"),
        _("Partners"),
        _("Network"),
        _("People reached"),
    ]


def row_of(activity: Activity) -> list:
    cases = [activity.case.reference] if activity.case_id else []
    cases += [case.reference for case in activity.related_cases.all()]
    return [
        activity.date,
        activity.minutes,
        format_duration(activity.minutes),
        activity.get_kind_display(),
        activity.get_activity_type_display(),
        activity.district.name,
        ", ".join(cases),
        ", ".join(partner.name for partner in activity.partners.all()),
        activity.network.name if activity.network_id else "",
        activity.people_reached,
    ]


def work_log_xlsx(activities: Iterable[Activity]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Work log")[:31]
    append_row(sheet, columns())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    total = 0
    for activity in activities:
        append_row(sheet, row_of(activity))
        sheet.cell(row=sheet.max_row, column=1).number_format = "DD.MM.YYYY"
        total += activity.minutes
    append_row(sheet, [_("Total"), total, format_duration(total)])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHIJ", (12, 9, 14, 22, 28, 18, 30, 30, 24, 10), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def team_work_xlsx(team, period, figures) -> bytes:
    """The team figures of a period: per member and kind of work as spreadsheet durations
    ([h]:mm, so they add up in the sheet), the team's sums and the non-case share."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Team work figures")[:31]
    append_row(sheet, [f"{team.name} · {period.label}"])
    sheet["A1"].font = Font(bold=True)
    kinds = [str(kind.label) for kind in WorkKind]
    append_row(sheet, [_("Member"), _("Legal area"), *kinds, _("Total"), _("Total in minutes")])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in figures.rows:
        membership = row["membership"]
        legal_area = membership.service_area.legal_area if membership.service_area_id else ""
        name = membership.user.get_full_name() or membership.user.username
        append_row(
            sheet,
            [name, str(legal_area), *(minutes / 1440 for minutes in row["minutes"]), row["total"] / 1440, row["total"]],
        )
    append_row(
        sheet,
        [
            _("Team"),
            "",
            *(minutes / 1440 for minutes in figures.totals),
            figures.grand_total / 1440,
            figures.grand_total,
        ],
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for cells in sheet.iter_rows(min_row=3, min_col=3, max_col=3 + len(kinds)):
        for cell in cells:
            cell.number_format = "[h]:mm"
    share = figures.non_case_share
    append_row(sheet, [])
    append_row(sheet, [_("Share of non-case-specific work"), "", share / 100 if share is not None else "–"])
    sheet.cell(row=sheet.max_row, column=3).number_format = "0.0 %"
    for column, width in zip("ABCDEFG", (28, 16, 18, 18, 18, 12, 12), strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
