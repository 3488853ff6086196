"""Issue 18: derived indicators defined once and computed from the stored counts."""

from decimal import Decimal

from districts.derived import rate, with_derived
from districts.indicator_tables import district_profile, municipality_comparison
from districts.models import District, IndicatorValue, Municipality


def test_the_seeds_sgb2_rates_come_out_of_the_stored_counts(reference_data):
    styrum = District.objects.get(slug="styrum")
    values = {
        (value.indicator.key, value.district_id): value
        for value in IndicatorValue.objects.filter(municipality=styrum.municipality).select_related("indicator")
    }
    for district_id, seed_rate in ((styrum.pk, "28.9"), (None, "15.9")):
        recipients, aged = values[("sgb2-recipients", district_id)], values[("aged-0-64", district_id)]
        assert rate(recipients.value, aged.value) == Decimal(seed_rate) == values[("sgb2-rate", district_id)].value


def test_a_rate_without_a_stored_value_is_computed_with_its_source(reference_data):
    styrum = District.objects.get(slug="styrum")
    IndicatorValue.objects.filter(indicator__key="sgb2-rate").delete()
    rows = {row.indicator.key: row for row in district_profile(styrum)}
    assert rows["sgb2-rate"].value.value == Decimal("28.9") and rows["sgb2-rate"].city_figure == Decimal("15.9")
    assert rows["sgb2-rate"].value.source.startswith("berechnet aus SGB-II-Leistungsberechtigte und Einwohner 0 bis 64")


def test_ulm_gets_the_share_of_over_60s_per_district(reference_data):
    ulm = Municipality.objects.get(slug="ulm")
    districts = list(ulm.districts.order_by("name"))
    rows = {row.indicator.key: row for row in municipality_comparison(ulm, districts)}
    boefingen = districts.index(next(d for d in districts if d.slug == "boefingen"))
    assert rows["over-60-share"].district_figures[boefingen] == Decimal("26.4")  # 4,850 of 18,404
    assert not any(value.pk for value in with_derived([]))


def test_the_comparison_computes_every_districts_rates_without_a_query_each(reference_data):
    """The report's key figures: the derived values of 15 districts read no district one by one
    (issue 15: 15 of the preview's 58 queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ulm = Municipality.objects.get(slug="ulm")
    districts = list(ulm.districts.order_by("name"))
    with CaptureQueriesContext(connection) as queries:
        rows = municipality_comparison(ulm, districts)
    assert rows and len(queries) == 2  # the values, the derived indicators
