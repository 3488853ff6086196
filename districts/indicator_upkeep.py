"""Social planning keeps the indicators: one value at a time, or a file from the statistics office
(Sozialraum; Kennzahl; Stichtag; Wert; Quelle) checked row by row and imported all or nothing."""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districts.models import District, Indicator, IndicatorValue, Municipality
from sozialraum import audit
from sozialraum.forms import DATE_INPUT, GermanDecimalField
from sozialraum.models import AuditAction
from sozialraum.table_files import TableFileError, rows_from_csv, rows_from_xlsx

COLUMNS = ["Sozialraum", "Kennzahl", "Stichtag", "Wert", "Quelle"]
WHOLE_TOWN = {"", "gesamt", "gesamtstadt", "stadt"}


class IndicatorValueForm(forms.ModelForm):
    value = GermanDecimalField(label=gettext_lazy("value"))

    class Meta:
        model = IndicatorValue
        fields = ["municipality", "district", "indicator", "reference_year", "reference_date", "value", "source"]
        widgets = {"reference_date": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.select_related("municipality")
        self.fields["reference_year"].required = True

    def validate_unique(self):
        """A value for an area and year that exists is replaced (the view says so), not refused."""


def save_value(user, values: dict) -> tuple[IndicatorValue, Decimal | None]:
    """Create or replace the value of an indicator for an area and year; returns it and the old value."""
    key = {name: values[name] for name in ("indicator", "municipality", "district", "reference_year")}
    existing = IndicatorValue.objects.select_for_update().filter(**key).first()
    before = existing.value if existing else None
    value, _created = IndicatorValue.objects.update_or_create(
        **key, defaults={name: values[name] for name in ("value", "reference_date", "source")}
    )
    changed = {"value": str(value.value)} | ({"before": str(before)} if before is not None else {})
    audit.log(user, AuditAction.UPDATE if existing else AuditAction.CREATE, value, details=changed)
    return value, before


@dataclass
class ImportRow:
    row_number: int
    cells: list[str]
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    before: Decimal | None = None

    @property
    def area(self) -> str:
        district = self.values.get("district")
        return district.name if district else _("whole town")


def read_indicator_file(filename: str, data: bytes, municipality: Municipality) -> list[ImportRow]:
    if filename.lower().endswith(".xlsx"):
        table = rows_from_xlsx(data)
    elif filename.lower().endswith((".csv", ".txt")):
        table = rows_from_csv(data)
    else:
        raise TableFileError(_("Please upload a CSV or an XLSX file."))
    table = iter(table)
    header = next((cells for cells in table if any(cell.strip() for cell in cells)), None)
    if header is None:
        raise TableFileError(_("The file is empty."))
    if [cell.strip().lower() for cell in header[:5]] != [name.lower() for name in COLUMNS]:
        raise TableFileError(
            _("The columns do not match. Expected: %(expected)s. Found: %(found)s.")
            % {"expected": ", ".join(COLUMNS), "found": ", ".join(header)}
        )
    districts, indicators = lookups(municipality)
    existing = {
        (value.indicator_id, value.district_id, value.reference_year): value.value
        for value in IndicatorValue.objects.filter(municipality=municipality)
    }
    rows, seen = [], set()
    for number, cells in enumerate(table, start=2):
        cells = [str(cell).strip() for cell in cells] + [""] * 5
        if not any(cells[:5]):
            continue
        row = ImportRow(number, cells[:5])
        check_row(row, municipality, districts, indicators)
        if not row.errors:
            key = (
                row.values["indicator"].pk,
                getattr(row.values["district"], "pk", None),
                row.values["reference_year"],
            )
            if key in seen:
                row.errors.append(_("The same indicator, area and year appear twice in the file."))
            seen.add(key)
            row.before = existing.get(key)
        rows.append(row)
    return rows


def lookups(municipality: Municipality) -> tuple[dict, dict]:
    """The municipality's districts by name and the indicators by key and by name (lower case)."""
    districts = {district.name.lower(): district for district in municipality.districts.all()}
    indicators = {}
    for indicator in Indicator.objects.all():
        indicators[indicator.key.lower()] = indicators[indicator.name.lower()] = indicator
    return districts, indicators


def check_row(row: ImportRow, municipality, districts, indicators) -> None:
    area, name, day, value, source = row.cells
    district = None
    if area.lower() not in WHOLE_TOWN | {municipality.name.lower()}:
        district = districts.get(area.lower())
        if district is None:
            row.errors.append(
                _("“%(name)s” is not a district of %(town)s.") % {"name": area[:80], "town": municipality.name}
            )
    indicator = indicators.get(name.lower())
    if indicator is None:
        row.errors.append(_("“%(name)s” is not a known indicator.") % {"name": name[:80]})
    reference_date, year = None, None
    if re.fullmatch(r"\d{4}", day):
        year = int(day)
    elif match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", day):
        try:
            reference_date = date(int(match[3]), int(match[2]), int(match[1]))
            year = reference_date.year
        except ValueError:
            pass
    if year is None or not 1900 <= year <= 2100:
        row.errors.append(_("Give the reference date as 31.12.2024 or the year as 2024."))
    try:
        number = GermanDecimalField().clean(value)
    except ValidationError:
        number = None
        row.errors.append(_("“%(value)s” is not a number.") % {"value": value[:40]})
    if number is None and value == "":
        row.errors.append(_("The value is missing."))
    if indicator is not None and number is not None and indicator.is_share and number > 100:
        row.errors.append(_("A share cannot be above 100 %."))
    if not source:
        row.errors.append(_("The source is missing."))
    elif len(source) > 300:
        row.errors.append(_("The source is longer than 300 characters."))
    row.values = {
        "municipality": municipality,
        "district": district,
        "indicator": indicator,
        "reference_year": year,
        "reference_date": reference_date,
        "value": number,
        "source": source,
    }


@transaction.atomic
def import_values(user, rows: list[ImportRow]) -> int:
    if any(row.errors for row in rows):
        raise ValueError("rows with errors cannot be imported")
    for row in rows:
        save_value(user, row.values)
    return len(rows)
