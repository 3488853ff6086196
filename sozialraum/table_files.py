"""Reading an uploaded table (CSV from Excel or XLSX) row by row, for the imports (a network's
roster, the statistics office's indicators): encodings, separators and size limits in one place."""

import csv
import io
import zipfile
from collections.abc import Iterator

from django.conf import settings
from django.utils.translation import gettext as _

from sozialraum.formats import format_number


class TableFileError(Exception):
    """The file as a whole cannot be read (type, encoding, size, columns)."""


def decode(data: bytes) -> str:
    # Excel saves CSV as Windows-1252 unless told otherwise; UTF-8 (with or without BOM) is tried first.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableFileError(_("The file is neither UTF-8 nor Windows-1252 text. Please save it as CSV (UTF-8) again."))


def rows_from_csv(data: bytes) -> Iterator[list[str]]:
    text = decode(data)
    first_line = text.splitlines()[0] if text.strip() else ""
    delimiter = max(";,\t", key=first_line.count) if first_line else ";"
    try:
        yield from csv.reader(io.StringIO(text), delimiter=delimiter)
    except csv.Error:  # e.g. a cell longer than the csv module's field limit (131,072 characters)
        raise TableFileError(_("The CSV file cannot be read: a cell is too long or a quote is not closed.")) from None


# Unpacked XML an XLSX may have per allowed row: a full roster row takes about 400 bytes, so this
# leaves room for Excel's markup and refuses zip bombs and sheets of millions of rows at once.
UNPACKED_BYTES_PER_ROW = 1_500


def check_unpacked_size(data: bytes) -> None:
    """openpyxl reads a whole sheet once just to find its size when the file does not state it,
    so the sheet's unpacked size is bounded before openpyxl sees the file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return  # not a ZIP at all: openpyxl says so in its own words below
    limit = settings.IMPORT_MAX_ROWS * UNPACKED_BYTES_PER_ROW
    if unpacked > limit:
        raise TableFileError(
            _("Unpacked, the XLSX file has %(size)s MB; a roster of at most %(rows)s rows has less than %(limit)s MB.")
            % {
                "size": format_number(unpacked / 1_000_000, 1),
                "rows": format_number(settings.IMPORT_MAX_ROWS),
                "limit": format_number(limit / 1_000_000, 1),
            }
        )


def rows_from_xlsx(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    check_unpacked_size(data)
    try:
        # Read-only mode streams the sheet: rows beyond the limit are never parsed.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield ["" if cell is None else str(cell) for cell in row]
    except TableFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise TableFileError(_("The XLSX file cannot be read (%(error)s).") % {"error": error}) from None
