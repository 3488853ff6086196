"""Issue 18: social planning keeps the indicators in the app – one value, or a file from the
statistics office with a preview and an all-or-nothing import – and sees them as time series."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook

from districts.models import District, IndicatorValue, Municipality
from sozialraum.models import AuditEvent

HEADER = "Sozialraum;Kennzahl;Stichtag;Wert;Quelle"


def csv_file(*rows, name="kennzahlen.csv"):
    upload = io.BytesIO("\r\n".join([HEADER, *rows]).encode("cp1252"))
    upload.name = name
    return upload


def upload(client, municipality, file):
    return client.post(reverse("districts:indicator_import"), {"municipality": municipality.pk, "file": file})


def test_a_planner_adds_a_value_for_a_new_reference_date(client, planner, reference_data):
    styrum = District.objects.get(slug="styrum")
    client.force_login(planner)
    data = {
        "municipality": styrum.municipality.pk,
        "district": styrum.pk,
        "indicator": IndicatorValue.objects.get(indicator__key="inhabitants", district=styrum).indicator_id,
        "reference_year": "2024",
        "reference_date": "2024-12-31",
        "value": "16.012",
        "source": "Stadt Mülheim, Bevölkerungsstatistik 2024",
    }
    assert client.post(reverse("districts:indicator_value_add"), data).status_code == 302
    value = IndicatorValue.objects.get(district=styrum, indicator__key="inhabitants", reference_year=2024)
    assert value.value == Decimal("16012")
    assert AuditEvent.objects.filter(object_type="districts.indicatorvalue", object_id=value.pk).exists()
    # The district page shows both years as a series with the change.
    page = client.get(styrum.get_absolute_url()).content.decode()
    assert "Zeitreihen" in page and "15.921" in page and "16.012" in page and "+91" in page


def test_the_import_previews_then_writes_all_rows(client, planner, reference_data):
    ulm = Municipality.objects.get(slug="ulm")
    client.force_login(planner)
    rows = [
        "Böfingen;Einwohner insgesamt;31.12.2024;18.611;Statistikstelle Ulm 2024",
        "Böfingen;over-60;2024;4.990;Statistikstelle Ulm 2024",
        "gesamt;Einwohner insgesamt;31.12.2024;128.928;Statistikstelle Ulm 2024",
        "Böfingen;Einwohner insgesamt;31.12.2014;18.500;Korrektur",
    ]
    html = upload(client, ulm, csv_file(*rows)).content.decode()
    assert "4 Zeilen sind bereit zum Import." in html and "ersetzt 18.404,00" in html and html.count(">neu<") == 3
    before = IndicatorValue.objects.count()
    assert client.post(reverse("districts:indicator_import"), {"confirm": "1"}).status_code == 302
    assert IndicatorValue.objects.count() == before + 3
    boefingen = District.objects.get(slug="boefingen")
    assert (
        IndicatorValue.objects.get(district=boefingen, indicator__key="inhabitants", reference_year=2014).value == 18500
    )
    assert (
        IndicatorValue.objects.get(
            district=None, municipality=ulm, indicator__key="inhabitants", reference_year=2024
        ).value
        == 128928
    )


@pytest.mark.parametrize(
    "row, message",
    [
        ("Atlantis;Einwohner insgesamt;2024;5;Q", "„Atlantis“ ist kein Sozialraum von Ulm."),
        ("Böfingen;Glück;2024;5;Q", "„Glück“ ist keine bekannte Kennzahl."),
        ("Böfingen;inhabitants;31.02.2024;5;Q", "Bitte den Stichtag als 31.12.2024"),
        ("Böfingen;inhabitants;2024;fünf;Q", "„fünf“ ist keine Zahl."),
        ("Böfingen;inhabitants;2024;5;", "Die Quelle fehlt."),
        ("Böfingen;sgb2-rate;2024;120;Q", "Ein Anteil kann nicht über 100 % liegen."),
    ],
)
def test_bad_rows_get_german_messages_and_nothing_is_imported(client, planner, reference_data, row, message):
    ulm = Municipality.objects.get(slug="ulm")
    client.force_login(planner)
    before = IndicatorValue.objects.count()
    html = upload(client, ulm, csv_file("Böfingen;inhabitants;2024;18.611;Q", row)).content.decode()
    assert message in html and "1 Zeile hat Fehler." in html
    client.post(reverse("districts:indicator_import"), {"confirm": "1"})
    assert IndicatorValue.objects.count() == before


def test_an_xlsx_from_the_statistics_office_is_read(client, planner, reference_data):
    workbook = Workbook()
    workbook.active.append(HEADER.split(";"))
    workbook.active.append(["Wiblingen", "Einwohner insgesamt", "31.12.2024", "21.700", "Statistikstelle"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "kennzahlen.xlsx"
    client.force_login(planner)
    assert (
        "1 Zeile ist bereit zum Import."
        in upload(client, Municipality.objects.get(slug="ulm"), buffer).content.decode()
    )
    wrong = io.BytesIO(b"Stadtteil;Wert\r\nB\xf6fingen;5")
    wrong.name = "falsch.csv"
    html = upload(client, Municipality.objects.get(slug="ulm"), wrong).content.decode()
    assert "Erwartet: Sozialraum, Kennzahl, Stichtag, Wert, Quelle" in html


def test_start_pages_of_planning_and_coordination(client, planner, coordinator, reference_data):
    client.force_login(planner)
    page = client.get(reverse("home")).content.decode()
    assert "Berichte für den Sozialausschuss" in page and "Kennzahlen mit dem ältesten Stichtag" in page
    assert "veraltet" in page and "Sozialraumbudget" in page
    client.force_login(coordinator)
    page = client.get(reverse("home")).content.decode()
    assert "Meine Netzwerke" in page and "Seit einem Jahr nicht geprüft" in page
    assert "Meine Arbeit in den Sozialräumen diesen Monat" in page and "Nächste Treffen meiner Netzwerke" in page
