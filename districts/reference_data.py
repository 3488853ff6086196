"""Loads the seeds' reference data (districts/data/reference_data.json) idempotently:
running it again updates what exists and creates no duplicates."""

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from districts.models import (
    District,
    Indicator,
    IndicatorValue,
    LegalArea,
    Locality,
    Municipality,
    ServiceArea,
    StaffFigure,
)

REFERENCE_DATA_FILE = Path(__file__).resolve().parent / "data" / "reference_data.json"


@dataclass
class LoadSummary:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, model, created: bool) -> None:
        bucket = self.created if created else self.updated
        name = model._meta.verbose_name_plural
        bucket[str(name)] = bucket.get(str(name), 0) + 1


@transaction.atomic
def load_reference_data(path: Path = REFERENCE_DATA_FILE) -> LoadSummary:
    data = json.loads(path.read_text(encoding="utf-8"))
    summary = LoadSummary()

    def upsert(model, lookup: dict, defaults: dict):
        obj, created = model.objects.update_or_create(**lookup, defaults=defaults)
        summary.count(model, created)
        return obj

    legal_areas = {
        row["code"]: upsert(LegalArea, {"code": row["code"]}, {"retention_years": row["retention_years"]})
        for row in data["legal_areas"]
    }
    for row in data["service_areas"]:
        upsert(ServiceArea, {"name": row["name"]}, {"legal_area": legal_areas[row["legal_area"]]})
    indicators = {
        row["key"]: upsert(
            Indicator,
            {"key": row["key"]},
            {
                "name": row["name"],
                "unit": row["unit"],
                "position": row["position"],
                "description": row.get("description", ""),
            },
        )
        for row in data["indicators"]
    }
    sources = data["sources"]

    def upsert_figure(municipality, district, row):
        source = sources[row["source"]]
        upsert(
            IndicatorValue,
            {
                "indicator": indicators[row["indicator"]],
                "municipality": municipality,
                "district": district,
                "reference_year": source["year"],
            },
            {
                "value": Decimal(str(row["value"])),
                "reference_date": date.fromisoformat(source["date"]) if source["date"] else None,
                "source": source["text"],
            },
        )

    for town in data["municipalities"]:
        municipality = upsert(
            Municipality,
            {"slug": town["slug"]},
            {"name": town["name"], "state": town["state"], "committee_weekday": town.get("committee_weekday")},
        )
        for row in town["figures"]:
            upsert_figure(municipality, None, row)
        districts = {}
        for area in town["districts"]:
            district = upsert(
                District,
                {"municipality": municipality, "slug": area["slug"]},
                {"name": area["name"], "code": area["code"], "description": area["description"]},
            )
            districts[district.name] = district
            for place in area["localities"]:
                upsert(Locality, {"district": district, "name": place["name"]}, {"kind": place["kind"]})
            for row in area["figures"]:
                upsert_figure(municipality, district, row)
        for row in town["staff"]:
            upsert(
                StaffFigure,
                {
                    "municipality": municipality,
                    "district": districts.get(row.get("district")),
                    "unit_name": row.get("unit_name", ""),
                },
                {
                    "total": row["total"],
                    "female": row["female"],
                    "male": row["male"],
                    "approximate": row["approximate"],
                    "source": sources[row["source"]]["text"],
                },
            )
    return summary
