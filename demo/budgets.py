"""Sozialraumbudgets for Ulm's five districts this year, in plausible orders of magnitude (the
department's whole volume was 117.402.774 € in the seed): a quarter to half a million per district,
about a fifth for non-case-specific work as in the Fachkonzept, with bookings and one open request."""

import random
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from budgets import services
from budgets.constants import BudgetKind
from budgets.models import Budget, Spending
from cases.models import Case
from districts.models import District
from networks.models import Network, Partner

SEED = 2026
# Planned euros per district: case-specific, cross-case, non-case-specific, other (Verfügungsfonds).
PLANNED = {
    "boefingen": (150_000, 40_000, 52_000, 8_000),
    "eselsberg": (160_000, 42_000, 55_000, 8_000),
    "mitte-ost": (310_000, 80_000, 105_000, 15_000),
    "weststadt-soeflingen": (220_000, 60_000, 75_000, 12_000),
    "wiblingen": (200_000, 55_000, 70_000, 10_000),
}
NON_CASE_PURPOSES = ["Stadtteilaktion Frühjahrsputz", "Material Sprachcafé", "Honorar Elternabend", "Stadtteilfest"]
CROSS_CASE_PURPOSES = ["Gruppenangebot Bewerbungstraining", "Elternkurs „Starke Eltern“", "Seniorenfrühstück"]
CASE_PURPOSES = ["Zuschuss Klassenfahrt", "Erstausstattung Wohnung", "Fahrtkosten zur Werkstatt", "Kaution (Darlehen)"]


def amount(rng, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


@transaction.atomic
def create_demo_budgets() -> int:
    if Budget.objects.exists():
        return 0
    rng = random.Random(SEED)
    planner = get_user_model().objects.filter(username="planung").first()
    if planner is None:
        return 0
    today = timezone.localdate()
    created = 0
    for district in District.objects.filter(municipality__slug="ulm", slug__in=PLANNED).order_by("name"):
        case_specific, cross_case, non_case, other = (Decimal(value) for value in PLANNED[district.slug])
        budget = Budget.objects.create(
            district=district,
            year=today.year,
            created_by=planner,
            planned_case=case_specific,
            planned_cross_case=cross_case,
            planned_non_case=non_case,
            planned_other=other,
            other_label="Verfügungsfonds Stadtteil",
        )
        created += 1
        partners = list(Partner.objects.filter(districts=district).order_by("id"))
        network = Network.objects.filter(districts=district).first()
        cases = list(Case.objects.filter(team__district=district, status="open").order_by("reference")[:12])
        for month in range(1, today.month + 1):
            day = date(today.year, month, min(rng.randint(1, 28), today.day if month == today.month else 28))
            bookings = [
                (BudgetKind.NON_CASE, rng.choice(NON_CASE_PURPOSES), amount(rng, 200, 2_500)),
                (BudgetKind.CROSS_CASE, rng.choice(CROSS_CASE_PURPOSES), amount(rng, 300, 2_000)),
                (BudgetKind.CASE_SPECIFIC, rng.choice(CASE_PURPOSES), amount(rng, 80, 1_800)),
            ]
            for kind, purpose, money in bookings:
                spending = Spending(
                    budget=budget,
                    date=day,
                    amount=money,
                    kind=kind,
                    purpose=purpose,
                    cost_centre="3.6.3.1",
                    case=rng.choice(cases) if kind == BudgetKind.CASE_SPECIFIC and cases else None,
                    partner=rng.choice(partners) if kind == BudgetKind.NON_CASE and partners else None,
                    network=network if kind == BudgetKind.CROSS_CASE else None,
                )
                services.book(planner, spending)
        if cases:
            # One request a caseworker made this month, waiting for the team lead.
            services.request_spending(
                cases[0].caseworker,
                Spending(
                    budget=budget,
                    date=today,
                    amount=Decimal("240.00"),
                    purpose="Zuschuss Ferienfreizeit",
                    case=cases[0],
                ),
            )
    return created
