"""The figures of a district's profile and a municipality's comparison table.

Each function reads all values it needs in one query and pairs them in Python, so the
number of queries does not grow with the number of indicators or districts.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from districts.derived import with_derived
from districts.models import District, Indicator, IndicatorValue, Municipality


@dataclass
class ProfileRow:
    indicator: Indicator
    value: IndicatorValue
    city_value: IndicatorValue | None

    @property
    def city_figure(self) -> Decimal | None:
        return self.city_value.value if self.city_value else None

    @property
    def share_of_city(self) -> Decimal | None:
        """Share of the city's figure in percent, for counts only (a rate is compared, not shared)."""
        if self.indicator.is_share or self.city_value is None or not self.city_value.value:
            return None
        return self.value.value * 100 / self.city_value.value

    @property
    def difference_to_city(self) -> Decimal | None:
        """For a rate: percentage points above (+) or below (−) the city's rate."""
        if not self.indicator.is_share or self.city_value is None:
            return None
        return self.value.value - self.city_value.value


def district_values(district: District) -> list[IndicatorValue]:
    """Every value of the district and of its whole town, the derived ones included (one query),
    newest first per indicator: what the profile and the time series are made of."""
    return with_derived(
        list(
            IndicatorValue.objects.filter(municipality_id=district.municipality_id)
            .filter(Q(district=district) | Q(district__isnull=True))
            .select_related("indicator")
            .order_by("indicator__position", "indicator__name", "-reference_year")
        )
    )


def district_profile(district: District, values: list[IndicatorValue] | None = None) -> list[ProfileRow]:
    """The latest value of each indicator of the district, with the city's value of the same year."""
    values = district_values(district) if values is None else values
    latest: dict[int, IndicatorValue] = {}
    city: dict[tuple[int, int | None], IndicatorValue] = {}
    for value in values:
        if value.district_id is None:
            city[(value.indicator_id, value.reference_year)] = value
        elif value.indicator_id not in latest:
            latest[value.indicator_id] = value
    return [
        ProfileRow(value.indicator, value, city.get((value.indicator_id, value.reference_year)))
        for value in latest.values()
    ]


@dataclass
class ComparisonRow:
    indicator: Indicator
    district_values: list[IndicatorValue | None]
    city_value: IndicatorValue | None
    districts_total: Decimal | None

    @property
    def district_figures(self) -> list[Decimal | None]:
        return [cell.value if cell else None for cell in self.district_values]

    @property
    def city_figure(self) -> Decimal | None:
        return self.city_value.value if self.city_value else None

    @property
    def cited_value(self) -> IndicatorValue:
        """The value whose reference date and source the table's footnote names."""
        return next(cell for cell in [*self.district_values, self.city_value] if cell is not None)


def municipality_comparison(municipality: Municipality, districts: list[District]) -> list[ComparisonRow]:
    """Indicators as rows, the districts side by side as columns (latest year of each cell)."""
    values = with_derived(
        list(
            IndicatorValue.objects.filter(municipality=municipality)
            .select_related("indicator")
            .order_by("indicator__position", "indicator__name", "-reference_year")
        )
    )
    cells: dict[tuple[int, int | None], IndicatorValue] = {}
    indicators: dict[int, Indicator] = {}
    for value in values:
        cells.setdefault((value.indicator_id, value.district_id), value)
        indicators.setdefault(value.indicator_id, value.indicator)
    rows = []
    for indicator_id, indicator in indicators.items():
        district_values = [cells.get((indicator_id, district.pk)) for district in districts]
        if not any(district_values):
            continue  # figures of the municipality alone are shown separately
        known = [cell.value for cell in district_values if cell is not None]
        # A sum of rates means nothing; a sum of counts only when every district has one.
        total = sum(known) if not indicator.is_share and len(known) == len(districts) else None
        rows.append(ComparisonRow(indicator, district_values, cells.get((indicator_id, None)), total))
    return rows


def municipality_figures(municipality: Municipality) -> list[IndicatorValue]:
    """Figures of the whole municipality that no district shares (staff, budget)."""
    return list(
        IndicatorValue.objects.filter(municipality=municipality, district__isnull=True)
        .exclude(indicator__values__district__municipality=municipality)
        .select_related("indicator")
        .order_by("indicator__position", "-reference_year")
    )


@dataclass
class Footnote:
    """One source with one reference date, and the indicators that cite it."""

    value: IndicatorValue
    indicator_names: list[str]


def footnotes(cited: list[IndicatorValue]) -> list[Footnote]:
    grouped: dict[tuple, Footnote] = {}
    for value in cited:
        key = (value.source, value.reference_year, value.reference_date)
        if key in grouped:
            grouped[key].indicator_names.append(value.indicator.name)
        else:
            grouped[key] = Footnote(value, [value.indicator.name])
    return list(grouped.values())


@dataclass
class Series:
    """An indicator of a district over its reference years, oldest first, with a sparkline."""

    indicator: Indicator
    values: list[IndicatorValue]

    @property
    def change(self) -> Decimal:
        return self.values[-1].value - self.values[-2].value

    @property
    def points(self) -> str:
        """The sparkline's polyline in a 100 × 24 box (highest value at the top)."""
        figures = [value.value for value in self.values]
        low, high = min(figures), max(figures)
        spread = (high - low) or Decimal(1)
        step = Decimal(100) / (len(figures) - 1)
        return " ".join(f"{step * i:.1f},{22 - (figure - low) * 20 / spread:.1f}" for i, figure in enumerate(figures))


def indicator_series(district: District, values: list[IndicatorValue] | None = None) -> list[Series]:
    """Indicators with at least two reference years in the district (computed ones included)."""
    values = district_values(district) if values is None else values
    grouped: dict[int, list[IndicatorValue]] = {}
    for value in values:
        if value.district_id == district.pk and value.reference_year is not None:
            grouped.setdefault(value.indicator_id, []).append(value)
    return [
        Series(found[0].indicator, sorted(found, key=lambda value: value.reference_year))
        for found in grouped.values()
        if len(found) >= 2
    ]
