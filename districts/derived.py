"""Indicators computed from stored counts, defined once: a rate is numerator per 100 of the
denominator of the same area and reference year (the SGB II rate: recipients per 100 inhabitants
aged 0–64 – Styrum's 28,9 % and Mülheim's 15,9 % come out of the seed's counts)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from districts.models import Indicator, IndicatorValue


@dataclass(frozen=True)
class DerivedIndicator:
    key: str
    numerator: str
    denominator: str


DERIVED = [
    DerivedIndicator("sgb2-rate", "sgb2-recipients", "aged-0-64"),
    DerivedIndicator("under-21-share", "under-21", "inhabitants"),
    DerivedIndicator("over-60-share", "over-60", "inhabitants"),
    DerivedIndicator("migration-share", "migration-background", "inhabitants"),
]
TENTH = Decimal("0.1")


def rate(numerator: Decimal, denominator: Decimal) -> Decimal:
    return (numerator * 100 / denominator).quantize(TENTH, rounding=ROUND_HALF_UP)


def with_derived(values: list[IndicatorValue]) -> list[IndicatorValue]:
    """The stored values plus, for every area and year with both counts and no stored value of the
    derived indicator, an unsaved value computed from them (its source says how)."""
    by_key = {(value.indicator.key, value.district_id, value.reference_year): value for value in values}
    indicators = {indicator.key: indicator for indicator in Indicator.objects.filter(key__in=[d.key for d in DERIVED])}
    computed = []
    for derived in DERIVED:
        indicator = indicators.get(derived.key)
        if indicator is None:
            continue
        for (key, district_id, year), numerator in by_key.items():
            if key != derived.numerator or (derived.key, district_id, year) in by_key:
                continue
            denominator = by_key.get((derived.denominator, district_id, year))
            if denominator is None or not denominator.value:
                continue
            computed.append(
                IndicatorValue(
                    indicator=indicator,
                    municipality_id=numerator.municipality_id,
                    district_id=district_id,  # (the district object only if someone reads it: one query each)
                    value=rate(numerator.value, denominator.value),
                    reference_year=year,
                    reference_date=numerator.reference_date,
                    source=f"berechnet aus {numerator.indicator.name} und {denominator.indicator.name}; "
                    f"{numerator.source}",
                )
            )
    return sorted(
        [*values, *computed], key=lambda v: (v.indicator.position, v.indicator.name, -(v.reference_year or 0))
    )
