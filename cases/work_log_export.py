"""One's own work log as XLSX, e.g. for a time sheet: dates, minutes, kinds, reference numbers —
no names and no notes (the file leaves the app)."""

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

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
