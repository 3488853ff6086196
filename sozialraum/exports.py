"""Spreadsheet exports that stay inert (OWASP "CSV injection"): text that people typed — a
roster line, a district name — must never become a formula when the file is opened. Every CSV
and XLSX export writes its rows through these helpers."""

import csv
import re
from collections.abc import Iterable
from typing import Any

# What spreadsheet programs read as the start of a formula (and the full-width forms LibreOffice accepts).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
PLAIN_NUMBER = re.compile(r"^[+-]?\d[\d.,]*\s*%?$")  # "-3,5 %" is a figure, not a formula


def inert(value: Any) -> Any:
    """Text that a spreadsheet would evaluate, prefixed with an apostrophe (shown as text);
    numbers and ordinary text unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def csv_writer(buffer) -> Any:
    """A ;-separated writer (German Excel opens it directly) whose rows are made inert."""
    return InertCsvWriter(csv.writer(buffer, delimiter=";"))


class InertCsvWriter:
    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: Iterable[Any]) -> None:
        self.writer.writerow([inert(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def append_row(sheet: Any, row: Iterable[Any]) -> None:
    """Append to an openpyxl sheet; a text cell is always a text cell (openpyxl would otherwise
    store "=…" as a formula), and texts that look like formulas are marked as in CSV."""
    sheet.append([inert(value) for value in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
