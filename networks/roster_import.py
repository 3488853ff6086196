"""Import a network roster in the Ulm layout from CSV or XLSX.

Two steps: `read_roster` parses and checks every row (the preview), `import_roster` writes
all rows in one transaction — or none. Natural keys (partner name, contact name, membership)
make a second import of the same file change nothing."""

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from networks.constants import ROSTER_COLUMNS, PartnerKind
from networks.hooks import report_contacts_changed
from networks.models import ContactPerson, Network, NetworkMembership, Partner
from networks.models.directory import phone_validator
from networks.partner_kinds import guess_kind
from networks.similarity import SIMILARITY_THRESHOLD
from sozialraum.formats import format_number
from sozialraum.table_files import TableFileError as RosterFileError
from sozialraum.table_files import rows_from_csv, rows_from_xlsx

# PostgreSQL text cannot hold NUL; the other C0 controls have no place in a roster either.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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


@dataclass
class NewPartner:
    """A field of work in the file that names no partner yet: the preview asks what it is."""

    name: str
    similar: list[tuple[int, str]] = field(default_factory=list)  # (id, name) of look-alike partners

    @property
    def key(self) -> str:
        # Stable across preview and confirmation, whatever else changed in between.
        return "p" + hashlib.sha1(self.name.encode()).hexdigest()[:10]

    @property
    def guessed_kind(self) -> str:
        return guess_kind(self.name)


@dataclass
class PartnerChoice:
    """What to do with a new name: take an existing partner, or create one of this kind in this district."""

    existing: int | None = None
    kind: str = PartnerKind.OTHER
    district: int | None = None


def new_partners(municipality_id: int, rows: list[RosterRow], look_alikes: bool = True) -> list[NewPartner]:
    """The fields of work (in file order) that are not the name of a partner of the municipality,
    with up to three partners of a similar name each (one trigram query for all of them)."""
    names = list(dict.fromkeys(row.field_of_work for row in rows if row.field_of_work))
    known = set(Partner.objects.filter(municipality=municipality_id, name__in=names).values_list("name", flat=True))
    new = {name: NewPartner(name) for name in names if name not in known}
    if new and look_alikes:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT wanted.name, partner.id, partner.name
                FROM unnest(%s::text[]) AS wanted(name)
                CROSS JOIN LATERAL (
                    SELECT id, name FROM networks_partner
                    WHERE municipality_id = %s AND name %% wanted.name AND similarity(name, wanted.name) >= %s
                    ORDER BY similarity(name, wanted.name) DESC, name
                    LIMIT 3
                ) AS partner
                """,
                [list(new), municipality_id, SIMILARITY_THRESHOLD],
            )
            for name, partner_id, partner_name in cursor.fetchall():
                new[name].similar.append((partner_id, partner_name))
    return list(new.values())


@transaction.atomic
def import_roster(network: Network, rows: list[RosterRow], choices: dict[str, PartnerChoice] | None = None) -> int:
    """Write all rows (they must be free of errors); returns the number of memberships.
    `choices` says, per field of work that names no partner yet, which partner it is or how to
    create it; names without a choice become partners of the kind "other" without a district."""
    if any(row.errors for row in rows):
        raise ValueError("rows with errors cannot be imported")
    municipality = network.municipality
    choices = choices or {}
    names = {row.field_of_work for row in rows}
    wanted = {name: choice.existing for name, choice in choices.items() if name in names and choice.existing}
    existing = Partner.objects.filter(municipality=municipality, pk__in=set(wanted.values())).in_bulk()
    # A chosen partner deleted since the preview: the name is created as a partner of its own.
    matched = {name: existing[chosen] for name, chosen in wanted.items() if chosen in existing}
    created = [
        Partner(municipality=municipality, name=name, kind=choices.get(name, PartnerChoice()).kind)
        for name in names - set(matched)
    ]
    Partner.objects.bulk_create(created, ignore_conflicts=True)
    partners = {
        partner.name: partner
        for partner in Partner.objects.filter(municipality=municipality, name__in=names - set(matched))
    }
    partners.update(matched)
    Partner.districts.through.objects.bulk_create(
        [
            Partner.districts.through(partner_id=partners[name].pk, district_id=choice.district)
            for name, choice in choices.items()
            if name in partners and name not in matched and choice.district
        ],
        ignore_conflicts=True,
    )

    # Importing the roster is checking it: the contacts in it count as checked today.
    today = timezone.localdate()
    contacts = {}
    for row in rows:
        partner = partners[row.field_of_work]
        for name, contact in ((row.person, row.person_contact), (row.deputy, row.deputy_contact)):
            if name:
                phone, email = row.contact_details(contact)
                contacts[(partner.pk, name)] = ContactPerson(
                    partner=partner, name=name, phone=phone, email=email, last_checked_on=today
                )
    ContactPerson.objects.bulk_create(
        list(contacts.values()),
        update_conflicts=True,
        unique_fields=["partner", "name"],
        update_fields=["phone", "email", "last_checked_on"],
    )
    partner_ids = {partner.pk for partner in partners.values()}
    saved = {
        (contact.partner_id, contact.name): contact
        for contact in ContactPerson.objects.filter(partner__in=partner_ids, name__in={name for _p, name in contacts})
    }
    with_deputy = []
    for row in rows:
        partner_id = partners[row.field_of_work].pk
        if row.person and row.deputy:
            person = saved[(partner_id, row.person)]
            person.deputy = saved[(partner_id, row.deputy)]
            with_deputy.append(person)
    ContactPerson.objects.bulk_update(with_deputy, ["deputy"])
    report_contacts_changed(contact.pk for contact in saved.values())

    memberships = {}
    for position, row in enumerate(rows):
        partner_id = partners[row.field_of_work].pk
        memberships[(row.field_of_work, row.person)] = NetworkMembership(
            network=network,
            partner_id=partner_id,
            field_of_work=row.field_of_work,
            representative=saved.get((partner_id, row.person)),
            deputy=saved.get((partner_id, row.deputy)),
            position=position,
        )
    NetworkMembership.objects.bulk_create(
        list(memberships.values()),
        update_conflicts=True,
        unique_fields=["network", "partner", "field_of_work", "representative"],
        update_fields=["deputy", "position"],
    )
    return len(memberships)
