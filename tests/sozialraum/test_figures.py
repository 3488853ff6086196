from decimal import Decimal

import pytest
from django.utils import translation

from sozialraum.templatetags.figures import figure, number, percent


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def test_number_groups_thousands_the_german_way():
    assert number(172593) == "172.593"
    assert number(Decimal("117402774.00")) == "117.402.774"
    assert number(None) == "–"


def test_percent_rounds_half_up_instead_of_cutting():
    assert percent(Decimal("17.96")) == "18,0 %"
    assert percent(Decimal("9.2245")) == "9,2 %"
    assert percent(Decimal("28.95")) == "29,0 %"
    assert percent(Decimal("1234.5")) == "1.234,5 %"


def test_figure_follows_the_unit():
    assert figure(Decimal("28.9"), "percent") == "28,9 %"
    assert figure(Decimal("117402774"), "eur") == "117.402.774 €"
    assert figure(Decimal("15921"), "persons") == "15.921"
