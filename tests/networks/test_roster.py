import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from networks.models import ContactPerson, NetworkMembership, Partner

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


def confirm(client, network):
    return client.post(reverse("networks:roster_import", args=[network.pk]), {"confirm": "1"})


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
