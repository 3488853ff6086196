import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from lxml import html as lxml_html
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from networks.models import ContactPerson, NetworkMembership, Partner
from networks.roster_import import RosterRow
from networks.views.roster_views import partner_forms

HEADER = "Teilnehmendes Tätigkeitsfeld;Person;Kontaktdaten;Stellvertretung;Kontaktdaten"
ROWS = [
    'Schulsozialarbeit;Jörg Mößner;"0731 161-5100; j.moessner@schule.example";Anja Weiß;0731 161-5101',
    "Polizei;Peter Groß;0731 188-0;;",
    ";;;;",
    "Kommunaler Sozialer Dienst;Sabine Schulz;0731 161-1;Dieter Koch;0731 161-2",
    "Kommunaler Sozialer Dienst;Mehmet Öztürk;0731 161-3;;",
]


def roster_file(rows=ROWS, header=HEADER, encoding="utf-8", name="liste.csv"):
    content = "\r\n".join([header, *rows]).encode(encoding)
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def upload(client, network, file):
    return client.post(reverse("networks:roster_import", args=[network.pk]), {"file": file})


def confirm(client, network, **choices):
    """ "Import now" as the browser sends it: the preview's choices for new partners as shown
    (kind guessed, the network's district), changed by `choices` (field name → value)."""
    data = {"confirm": "1"}
    pending = client.session.get("roster_import")
    if pending:
        rows = [RosterRow(*values) for values in pending["rows"]]
        for form in partner_forms(network, rows):
            for field in form:
                value = field.field.prepare_value(field.value())
                if value is not None:
                    data[field.html_name] = value
    data.update(choices)
    return client.post(reverse("networks:roster_import", args=[network.pk]), data)


def counts():
    return Partner.objects.count(), ContactPerson.objects.count(), NetworkMembership.objects.count()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_import_previews_then_writes_everything_and_twice_changes_nothing(client, coordinator, network, encoding):
    client.force_login(coordinator)
    preview = upload(client, network, roster_file(encoding=encoding))
    html = preview.content.decode()
    assert "4 Zeilen sind bereit zum Import." in html
    assert "Jörg Mößner" in html  # Windows-1252 umlauts read correctly
    assert counts() == (0, 0, 0)  # the preview writes nothing

    assert confirm(client, network).status_code == 302
    first = counts()
    assert first == (3, 6, 4)
    line = NetworkMembership.objects.get(field_of_work="Schulsozialarbeit")
    assert line.representative.email == "j.moessner@schule.example"
    assert line.deputy.name == "Anja Weiß"
    assert line.representative.deputy == line.deputy

    upload(client, network, roster_file(encoding=encoding))
    confirm(client, network)
    assert counts() == first


def test_import_of_xlsx(client, coordinator, network):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(["ASB", "Petra Falk", "0731 55 66", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "liste.xlsx"
    client.force_login(coordinator)
    assert "1 Zeile ist bereit zum Import." in upload(client, network, buffer).content.decode()
    confirm(client, network)
    assert NetworkMembership.objects.get().representative.name == "Petra Falk"


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (roster_file(header="Name;Telefon;E-Mail"), "Die Spalten passen nicht. Erwartet: Teilnehmendes Tätigkeitsfeld"),
        (roster_file(name="liste.pdf"), "Bitte eine CSV- oder XLSX-Datei hochladen."),
        (roster_file(rows=[], header=""), "Die übertragene Datei ist leer."),
        (roster_file(rows=[], header="\r\n"), "Die Datei ist leer."),
        (roster_file(name="liste.xlsx"), "Die XLSX-Datei kann nicht gelesen werden"),
    ],
)
def test_unreadable_files_get_german_messages(client, coordinator, network, file, message):
    client.force_login(coordinator)
    response = upload(client, network, file)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == (0, 0, 0)


def test_rows_with_errors_are_shown_and_nothing_is_imported(client, coordinator, network):
    client.force_login(coordinator)
    rows = [*ROWS, "ASB;Petra Falk;petra@asb;;", ";Ohne Feld;0731 1;;", "TV;Kai Lutz;0731 1;Kai Lutz;0731 2"]
    html = upload(client, network, roster_file(rows=rows)).content.decode()
    assert "3 Zeilen haben Fehler. Es wurde nichts importiert" in html
    assert "„petra@asb“ ist keine E-Mail-Adresse." in html
    assert "Das Tätigkeitsfeld fehlt." in html
    assert "Person und Stellvertretung sind dieselbe." in html
    assert "Jetzt importieren" not in html
    assert confirm(client, network).status_code == 302  # no checked file in the session
    assert counts() == (0, 0, 0)


LONG_EMAIL = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".de"  # 311 characters: valid form, too long to store


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("ASB;" + "P" * 121 + ";;;", "Person: Der Name ist länger als 120 Zeichen."),
        ("ASB;Petra Falk;;" + "V" * 121 + ";", "Stellvertretung: Der Name ist länger als 120 Zeichen."),
        (f"ASB;Petra Falk;{LONG_EMAIL};;", "ist keine E-Mail-Adresse."),
        ("F" * 201 + ";Petra Falk;;;", "Das Tätigkeitsfeld ist länger als 200 Zeichen."),
        ("ASB;Petra\x00Falk;;;", "Die Zeile enthält Steuerzeichen (z. B. ein NUL-Byte)."),
    ],
)
def test_every_rule_of_the_database_is_checked_in_the_preview(client, coordinator, network, row, message):
    """A row that the database would refuse at "import now" is shown as an error before (it was a 500)."""
    client.force_login(coordinator)
    html = upload(client, network, roster_file(rows=[ROWS[1], row])).content.decode()
    assert "1 Zeile hat Fehler. Es wurde nichts importiert" in html
    assert message in html
    assert "Jetzt importieren" not in html
    assert confirm(client, network).status_code == 302
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER.encode() + b"\r\nASB;" + b"x" * 140_000 + b";;;", "Die CSV-Datei kann nicht gelesen werden"),
        (HEADER.encode("cp1252") + b"\r\nASB;Petra \x81 Falk;;;", "Die Datei ist weder UTF-8- noch Windows-1252-Text."),
    ],
)
def test_unreadable_csv_files_get_a_german_message(client, coordinator, network, content, message):
    client.force_login(coordinator)
    file = io.BytesIO(content)
    file.name = "liste.csv"
    response = upload(client, network, file)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_new_file_with_errors_replaces_the_checked_one(client, coordinator, network):
    """ "Import now" after a failed second upload must not import the first file."""
    client.force_login(coordinator)
    assert "4 Zeilen sind bereit zum Import." in upload(client, network, roster_file()).content.decode()
    upload(client, network, roster_file(rows=[";Ohne Feld;;;"]))
    assert confirm(client, network).status_code == 302
    assert counts() == (0, 0, 0)


def test_a_checked_import_that_fails_leaves_nothing_in_the_session(client, coordinator, network):
    """Rows are checked again at "import now"; a failure says so and the import is gone."""
    client.force_login(coordinator)
    session = client.session
    session["roster_import"] = {"network": network.pk, "rows": [[2, "ASB", "P" * 121, "", "", ""]]}
    session.save()
    response = confirm(client, network)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Die geprüfte Datei hat jetzt Fehler. Bitte erneut hochladen." in page
    assert "roster_import" not in client.session
    assert counts() == (0, 0, 0)


def test_reading_stops_at_the_row_limit(settings):
    """Rows beyond the limit are never read: an endless sheet ends with the German message."""
    from itertools import count

    from networks.roster_import import RosterFileError, read_table

    settings.IMPORT_MAX_ROWS = 100
    read = []

    def endless():
        yield HEADER.split(";")
        for number in count():
            read.append(number)
            assert number < 1_000, "reading went on past the limit"
            yield ["Feld", f"Person {number}", "", "", ""]

    with pytest.raises(RosterFileError, match="mehr als 100 Zeilen"):
        read_table(endless())
    assert len(read) == 101


def xlsx_roster(rows: int) -> io.BytesIO:
    workbook = Workbook(write_only=True)  # writes no <dimension>: openpyxl then scans the whole sheet
    sheet = workbook.create_sheet()
    sheet.append(HEADER.split(";"))
    for number in range(rows):
        sheet.append(["Feld", f"Person {number}", "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "liste.xlsx"
    return buffer


def test_an_xlsx_with_more_rows_than_allowed_is_refused(client, coordinator, network, settings):
    settings.IMPORT_MAX_ROWS = 50
    client.force_login(coordinator)
    assert "Die Datei hat mehr als 50 Zeilen." in upload(client, network, xlsx_roster(60)).content.decode()


def test_an_xlsx_that_unpacks_to_more_than_a_roster_is_refused_before_reading(client, coordinator, network, settings):
    """A few MB of XLSX can unpack to millions of rows (or be a zip bomb)."""
    settings.IMPORT_MAX_ROWS = 50
    client.force_login(coordinator)
    html = upload(client, network, xlsx_roster(5_000)).content.decode()
    assert "Entpackt ist die XLSX-Datei 1,1 MB groß; eine Liste mit höchstens 50 Zeilen hat weniger als 0,1 MB." in html


def test_two_thousand_rows_import_in_one_go(client, coordinator, network):
    """Large files go in one all-or-nothing import; the 10,000-row timing is the
    benchmark_roster_import command's."""
    rows = [
        f"Feld {number};Person {number};0731 {number:05d};Vertretung {number};0731 9{number:05d}"
        for number in range(2_000)
    ]
    client.force_login(coordinator)
    assert "2.000 Zeilen sind bereit zum Import." in upload(client, network, roster_file(rows=rows)).content.decode()
    confirm(client, network)
    assert counts() == (2_000, 4_000, 2_000)


def test_roster_benchmark_reads_and_rolls_back(network):
    out = io.StringIO()
    call_command("benchmark_roster_import", rows=50, stdout=out)
    assert "50 Zeilen" in out.getvalue() and "50 Mitglieder importiert" in out.getvalue()
    assert network.memberships.count() == 0


def test_roster_page_and_exports_use_the_ulm_columns(client, caseworker, coordinator, network):
    client.force_login(coordinator)
    upload(client, network, roster_file())
    confirm(client, network)
    client.force_login(caseworker)
    html = client.get(network.get_absolute_url()).content.decode()
    for column in ["Teilnehmendes Tätigkeitsfeld", "Person", "Kontaktdaten", "Stellvertretung"]:
        assert column in html
    assert "keine Stellvertretung" in html  # Polizei has none

    csv_response = client.get(reverse("networks:roster_export", args=[network.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADER.split(";")
    assert rows[1][:4] == ["Schulsozialarbeit", "Jörg Mößner", "0731 161-5100 · j.moessner@schule.example", "Anja Weiß"]
    assert (
        'filename="koordinierungsgruppe-bildung-und-soziales-wiblingen-teilnehmende-'
        in csv_response["Content-Disposition"]
    )

    xlsx = load_workbook(io.BytesIO(client.get(reverse("networks:roster_export", args=[network.pk, "xlsx"])).content))
    assert [cell.value for cell in xlsx.active[2]][:2] == ["Schulsozialarbeit", "Jörg Mößner"]

    pdf = client.get(reverse("networks:roster_export", args=[network.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Koordinierungsgruppe Bildung und Soziales Wiblingen" in text
    assert "Jörg Mößner" in text and "Anja Weiß" in text
    assert "Seite 1 von 1" in text


def test_preview_says_which_partners_will_be_created_and_asks_what_they_are(client, coordinator, network, wiblingen):
    Partner.objects.create(municipality=network.municipality, name="Polizei")
    client.force_login(coordinator)
    page = lxml_html.fromstring(upload(client, network, roster_file()).content)
    new_rows = page.xpath("//table[.//th[normalize-space()='Tätigkeitsfeld in der Datei']]//tbody/tr")
    assert [row.xpath("string(th)").split(" wird neu angelegt")[0].strip() for row in new_rows] == [
        "Schulsozialarbeit",
        "Kommunaler Sozialer Dienst",
    ]
    school = new_rows[0]
    assert school.xpath("string(.//select[contains(@name, '-kind')]/option[@selected])") == "Schule"  # guessed
    assert school.xpath("string(.//select[contains(@name, '-district')]/option[@selected])") == "Wiblingen"
    assert school.xpath(".//select[contains(@name, '-kind')]/@aria-label") == ["Art: Schulsozialarbeit"]
    preview = page.xpath("//table[.//th[normalize-space()='Zeile']]//tbody/tr")
    assert [row.xpath("string(td[3])").strip() for row in preview] == [
        "wird neu angelegt",
        "vorhanden",
        "wird neu angelegt",
        "wird neu angelegt",
    ]


def test_new_partners_are_created_with_the_chosen_kind_and_district(client, coordinator, network, wiblingen):
    client.force_login(coordinator)
    form = partner_forms(network, [RosterRow(2, "Polizei", "", "", "", "")])[0]
    upload(client, network, roster_file(rows=["Polizei;Peter Groß;0731 188-0;;"]))
    response = confirm(client, network, **{f"{form.prefix}-kind": "police", f"{form.prefix}-district": ""})
    assert response.status_code == 302
    police = Partner.objects.get(name="Polizei")
    assert police.kind == "police" and not police.districts.exists()
    assert "Mitglieder importiert: 1; neu angelegte Partner: 1." in client.get(response.url).content.decode()

    upload(client, network, roster_file(rows=["Schulsozialarbeit;Jörg Mößner;;;"]))
    confirm(client, network)  # as shown: kind guessed, the network's district
    school = Partner.objects.get(name="Schulsozialarbeit")
    assert school.kind == "school" and list(school.districts.all()) == [wiblingen]


def test_a_new_name_can_be_an_existing_partner_with_a_similar_name(client, coordinator, network):
    existing = Partner.objects.create(municipality=network.municipality, name="Kommunaler Sozialdienst Ulm")
    rows = ["Kommunaler Sozialer Dienst;Sabine Schulz;0731 161-1;Dieter Koch;0731 161-2"]
    client.force_login(coordinator)
    html = upload(client, network, roster_file(rows=rows)).content.decode()
    assert "ist „Kommunaler Sozialdienst Ulm“" in html
    [form] = partner_forms(network, [RosterRow(2, "Kommunaler Sozialer Dienst", "", "", "", "")])
    assert confirm(client, network, **{f"{form.prefix}-use": str(existing.pk)}).status_code == 302
    assert not Partner.objects.filter(name="Kommunaler Sozialer Dienst").exists()
    line = NetworkMembership.objects.get()
    assert line.partner == existing and line.field_of_work == "Kommunaler Sozialer Dienst"
    assert line.representative.partner == existing and line.representative.deputy == line.deputy


def test_a_choice_that_was_not_offered_keeps_the_preview_and_imports_nothing(client, coordinator, network):
    stranger = Partner.objects.create(municipality=network.municipality, name="Ganz anders")
    client.force_login(coordinator)
    upload(client, network, roster_file(rows=["Polizei;Peter Groß;0731 188-0;;"]))
    [form] = partner_forms(network, [RosterRow(2, "Polizei", "", "", "", "")])
    response = confirm(client, network, **{f"{form.prefix}-use": str(stranger.pk), f"{form.prefix}-kind": "club"})
    html = response.content.decode()
    assert (
        response.status_code == 200
        and f"Bitte eine gültige Auswahl treffen. {stranger.pk} ist keine gültige Auswahl." in html
    )
    assert counts() == (1, 0, 0)
    assert 'value="club" selected' in html  # the other choice is kept
    assert confirm(client, network).status_code == 302  # the checked file is still there
    assert counts() == (2, 1, 1)


def test_many_new_partners_get_one_choice_for_all(client, coordinator, network, settings, wiblingen):
    settings.ROSTER_IMPORT_PARTNER_CHOICES = 2
    client.force_login(coordinator)
    html = upload(client, network, roster_file()).content.decode()
    assert "alle 3 neuen Partner" in html
    confirm(client, network, **{"p" + "x": "ignored"})
    assert set(Partner.objects.values_list("kind", flat=True)) == {"other"}
    assert all(list(partner.districts.all()) == [wiblingen] for partner in Partner.objects.all())


@pytest.mark.parametrize(
    "name, kind",
    [
        ("Kita kath. Kirche", "kita"),
        ("Ev. Kirche", "church"),
        ("Rehaverein", "health"),
        ("Förderverein Jugendhaus e.V.", "club"),
        ("Seniorenzentrum Wiblingen, ADK", "free_welfare"),
        ("Stadtteilbibliothek", "municipal"),
        ("Keppeler Stiftung", "other"),
    ],
)
def test_a_new_partners_kind_is_guessed_from_its_name(name, kind):
    from networks.partner_kinds import guess_kind

    assert guess_kind(name) == kind
