from decimal import Decimal
from io import StringIO

from django.core.management import call_command

from districts.models import District, IndicatorValue, Locality, Municipality, ServiceArea, StaffFigure
from districts.reference_data import load_reference_data


def table_sizes():
    return [model.objects.count() for model in (Municipality, District, Locality, IndicatorValue, StaffFigure)]


def test_loading_twice_creates_no_duplicates(db):
    load_reference_data()
    first = table_sizes()
    call_command("load_reference_data", stdout=StringIO())
    assert table_sizes() == first
    assert first[:3] == [3, 6, 11]


def test_styrum_figures_with_source(reference_data):
    values = {
        value.indicator.key: value
        for value in IndicatorValue.objects.filter(district__slug="styrum").select_related("indicator")
    }
    assert values["inhabitants"].value == 15921
    assert values["aged-0-64"].value == 13106
    assert values["sgb2-recipients"].value == 3782
    assert values["sgb2-rate"].value == Decimal("28.9")
    assert values["inhabitants"].reference_year == 2017
    assert "Jobcenter" in values["inhabitants"].source
    city = IndicatorValue.objects.get(
        municipality__slug="muelheim-an-der-ruhr", district=None, indicator__key="sgb2-rate"
    )
    assert city.value == Decimal("15.9")


def test_ulm_has_five_districts_with_their_villages(reference_data):
    ulm = Municipality.objects.get(slug="ulm")
    assert ulm.state == "BW"
    districts = {district.name: district for district in ulm.districts.all()}
    assert set(districts) == {"Böfingen", "Eselsberg", "Mitte/Ost", "Weststadt/Söflingen", "Wiblingen"}
    assert {place.name for place in districts["Böfingen"].localities.all()} == {"Jungingen", "Mähringen", "Lehr"}
    assert districts["Weststadt/Söflingen"].localities.count() == 5
    inhabitants = IndicatorValue.objects.get(district=districts["Weststadt/Söflingen"], indicator__key="inhabitants")
    assert inhabitants.value == 40857
    assert str(inhabitants.reference_date) == "2014-12-31"
    staff = StaffFigure.objects.get(district=districts["Mitte/Ost"])
    assert (staff.total, staff.female, staff.male, staff.approximate) == (60, 46, 14, True)
    assert StaffFigure.objects.get(municipality=ulm, unit_name="Zentrale Verwaltung").total == 31


def test_bielefeld_and_service_areas(reference_data):
    assert Municipality.objects.filter(name="Bielefeld", state="NW").exists()
    assert ServiceArea.objects.get(name="Casemanagement").legal_area.code == "SGB II"
    assert ServiceArea.objects.get(name="Kommunaler Sozialer Dienst").legal_area.code == "SGB VIII"
    assert ServiceArea.objects.get(name="Sozialer Dienst für Ältere").legal_area.code == "SGB XII"
