"""Import a network roster in the Ulm layout from CSV or XLSX.

Two steps: `read_roster` parses and checks every row (the preview), `import_roster` writes
all rows in one transaction — or none. Natural keys (partner name, contact name, membership)
make a second import of the same file change nothing."""

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from networks.constants import ROSTER_COLUMNS
from networks.hooks import report_contacts_changed
from networks.models import ContactPerson, Network, NetworkMembership, Partner
from networks.models.directory import phone_validator
from sozialraum.formats import format_number

# PostgreSQL text cannot hold NUL; the other C0 controls have no place in a roster either.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class RosterFileError(Exception):
    """The file as a whole cannot be read (type, encoding, columns)."""


@dataclass
class RosterRow:
    row_number: int  # in the file, counting the header
    field_of_work: str
    person: str
    person_contact: str
    deputy: str
    deputy_contact: str
    errors: list[str] = field(default_factory=list)

    def contact_details(self, text: str) -> tuple[str, str]:
        """(phone, e-mail) from a cell like "0731 161-5100; name@example.org"."""
        phone = email = ""
        for part in filter(None, (piece.strip() for piece in re.split(r"[;\n]|,(?=\s*\S+@)", text))):
            if "@" in part:
                email = part
            else:
                phone = part
        return phone, email


def decode(data: bytes) -> str:
    # Excel saves CSV as Windows-1252 unless told otherwise; UTF-8 (with or without BOM) is tried first.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RosterFileError(_("The file is neither UTF-8 nor Windows-1252 text. Please save it as CSV (UTF-8) again."))


def rows_from_csv(data: bytes) -> Iterator[list[str]]:
    text = decode(data)
    first_line = text.splitlines()[0] if text.strip() else ""
    delimiter = max(";,\t", key=first_line.count) if first_line else ";"
    try:
        yield from csv.reader(io.StringIO(text), delimiter=delimiter)
    except csv.Error:  # e.g. a cell longer than the csv module's field limit (131,072 characters)
        raise RosterFileError(_("The CSV file cannot be read: a cell is too long or a quote is not closed.")) from None


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
        raise RosterFileError(
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
    except RosterFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise RosterFileError(_("The XLSX file cannot be read (%(error)s).") % {"error": error}) from None


def normalise(header: str) -> str:
    return re.sub(r"\s+", " ", header).strip().lower()


def read_roster(filename: str, data: bytes) -> list[RosterRow]:
    if filename.lower().endswith(".xlsx"):
        return read_table(rows_from_xlsx(data))
    if filename.lower().endswith((".csv", ".txt")):
        return read_table(rows_from_csv(data))
    raise RosterFileError(_("Please upload a CSV or an XLSX file."))


def read_table(table: Iterator[list[str]]) -> list[RosterRow]:
    """Check the header and every row; stops reading as soon as the file has too many rows."""
    table = iter(table)
    header_line = 0
    for cells in table:
        header_line += 1
        if any(cell.strip() for cell in cells):
            check_header(cells)
            break  # blank lines above the header are tolerated
    else:
        raise RosterFileError(_("The file is empty."))
    limit = settings.IMPORT_MAX_ROWS
    rows = []
    for row_number, cells in enumerate(table, start=header_line + 1):
        if len(rows) == limit:
            raise RosterFileError(_("The file has more than %(max)s rows.") % {"max": format_number(limit)})
        cells = [cell.strip() for cell in cells] + [""] * 5
        if not any(cells[:5]):
            continue  # empty rows are skipped, not errors
        row = RosterRow(row_number, *cells[:5])
        check_row(row)
        rows.append(row)
    return rows


def check_header(cells: list[str]) -> None:
    header = [normalise(cell) for cell in cells]
    while header and not header[-1]:
        header.pop()
    expected = [normalise(name) for name in ROSTER_COLUMNS]
    if header != expected and header != ["tätigkeitsfeld", *expected[1:]]:
        raise RosterFileError(
            _("The columns do not match. Expected: %(expected)s. Found: %(found)s.")
            % {"expected": ", ".join(ROSTER_COLUMNS), "found": ", ".join(cells) or _("nothing")}
        )


def longest(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def check_row(row: RosterRow) -> None:
    """Every rule the database would enforce at import time is checked here, for the preview."""
    cells = (row.field_of_work, row.person, row.person_contact, row.deputy, row.deputy_contact)
    if any(CONTROL_CHARACTERS.search(cell) for cell in cells):
        row.errors.append(_("The row contains control characters (e.g. a NUL byte)."))
        return
    if not row.field_of_work:
        row.errors.append(_("The field of work is missing."))
    field_limit = min(longest(NetworkMembership, "field_of_work"), longest(Partner, "name"))
    if len(row.field_of_work) > field_limit:
        row.errors.append(_("The field of work is longer than %(max)s characters.") % {"max": field_limit})
    for label, name, contact in (
        (_("Person"), row.person, row.person_contact),
        (_("Deputy"), row.deputy, row.deputy_contact),
    ):
        if contact and not name:
            row.errors.append(_("%(label)s: contact details without a name.") % {"label": label})
        if len(name) > longest(ContactPerson, "name"):
            row.errors.append(
                _("%(label)s: the name is longer than %(max)s characters.")
                % {"label": label, "max": longest(ContactPerson, "name")}
            )
        phone, email = row.contact_details(contact)
        if email:
            try:
                validate_email(email)
                if len(email) > longest(ContactPerson, "email"):
                    raise ValidationError("too long")
            except ValidationError:
                row.errors.append(
                    _("%(label)s: “%(value)s” is not an e-mail address.")
                    % {"label": label, "value": Truncator(email).chars(80)}
                )
        if phone:
            try:
                phone_validator(phone)
            except ValidationError:
                row.errors.append(
                    _("%(label)s: “%(value)s” is not a phone number.")
                    % {"label": label, "value": Truncator(phone).chars(80)}
                )
    if row.person and row.person == row.deputy:
        row.errors.append(_("Person and deputy are the same."))


@transaction.atomic
def import_roster(network: Network, rows: list[RosterRow]) -> int:
    """Write all rows (they must be free of errors); returns the number of memberships."""
    if any(row.errors for row in rows):
        raise ValueError("rows with errors cannot be imported")
    municipality = network.municipality
    names = {row.field_of_work for row in rows}
    Partner.objects.bulk_create(
        [Partner(municipality=municipality, name=name, kind="other") for name in names], ignore_conflicts=True
    )
    partners = {partner.name: partner for partner in Partner.objects.filter(municipality=municipality, name__in=names)}

    # Importing the roster is checking it: the contacts in it count as checked today.
    today = timezone.localdate()
    contacts = {}
    for row in rows:
        for name, contact in ((row.person, row.person_contact), (row.deputy, row.deputy_contact)):
            if name:
                phone, email = row.contact_details(contact)
                contacts[(row.field_of_work, name)] = ContactPerson(
                    partner=partners[row.field_of_work], name=name, phone=phone, email=email, last_checked_on=today
                )
    ContactPerson.objects.bulk_create(
        list(contacts.values()),
        update_conflicts=True,
        unique_fields=["partner", "name"],
        update_fields=["phone", "email", "last_checked_on"],
    )
    saved = {
        (contact.partner.name, contact.name): contact
        for contact in ContactPerson.objects.filter(partner__in=partners.values()).select_related("partner")
    }
    with_deputy = []
    for row in rows:
        if row.person and row.deputy:
            person = saved[(row.field_of_work, row.person)]
            person.deputy = saved[(row.field_of_work, row.deputy)]
            with_deputy.append(person)
    ContactPerson.objects.bulk_update(with_deputy, ["deputy"])
    report_contacts_changed(contact.pk for contact in saved.values())

    memberships = {}
    for position, row in enumerate(rows):
        memberships[(row.field_of_work, row.person)] = NetworkMembership(
            network=network,
            partner=partners[row.field_of_work],
            field_of_work=row.field_of_work,
            representative=saved.get((row.field_of_work, row.person)),
            deputy=saved.get((row.field_of_work, row.deputy)),
            position=position,
        )
    NetworkMembership.objects.bulk_create(
        list(memberships.values()),
        update_conflicts=True,
        unique_fields=["network", "partner", "field_of_work", "representative"],
        update_fields=["deputy", "position"],
    )
    return len(memberships)
