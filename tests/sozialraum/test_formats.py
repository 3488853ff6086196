import re
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone, translation

from districts.templatetags.indicators import figure
from sozialraum import formats
from sozialraum.templatetags.formats import number, percent


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


def test_dates_and_times_follow_the_german_locale():
    day = date(2026, 3, 5)
    moment = timezone.make_aware(datetime(2026, 3, 5, 14, 7))
    assert formats.format_date(day) == "05.03.2026"
    assert formats.format_date(moment) == "05.03.2026"
    assert formats.format_datetime(moment) == "05.03.2026 14:07"
    assert formats.format_time(time(9, 5)) == "09:05"
    assert formats.format_long_date(day) == "5. März 2026"
    assert formats.format_long_date(day, weekday=True) == "Donnerstag, 5. März 2026"
    assert formats.format_weekday_date(day) == "Do, 05.03.2026"
    assert formats.format_date(None) == "–"


def test_month_names_weekdays_money_and_durations_in_german():
    assert formats.month_names()[2] == "März"
    assert [formats.weekday_abbreviation(day) for day in (0, 6)] == ["Mo", "So"]
    assert formats.format_money(Decimal("117402774")) == "117.402.774 €"
    assert formats.format_money(Decimal("12.5"), 2) == "12,50 €"
    assert formats.format_duration(45) == "45 Min."
    assert formats.format_duration(120) == "2 Std."
    assert formats.format_duration(150) == "2 Std. 30 Min."


def test_no_template_or_module_writes_a_date_format_by_hand():
    """One place for German formats: templates use the filters, Python the functions."""
    root = Path(__file__).resolve().parents[2]
    hand_written = re.compile(r'\|date:|\|time:|%d\.%m\.%Y|"d\.m\.Y"')
    offenders = [
        str(path.relative_to(root))
        for folder in ("templates", "sozialraum", "districts", "networks", "cases", "budgets", "meetings", "reports")
        for path in (root / folder).rglob("*")
        if path.suffix in {".html", ".txt", ".py"}
        and path.name != "formats.py"
        and hand_written.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_html_text_escapes_as_django_does_and_keeps_what_is_marked_safe():
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from sozialraum.formats import html_text

    for value in ['<b>O\'Brien & "Söhne"</b>', 42, mark_safe("<em>sicher</em>"), gettext_lazy("Cases"), None]:
        assert html_text(value) == str(conditional_escape(value)), value
