"""All demo data in the order the apps depend on each other."""

from dataclasses import dataclass

from demo.budgets import create_demo_budgets
from demo.cases import create_demo_cases
from demo.directory import create_demo_network_data
from demo.meetings import create_demo_meetings
from demo.staff import create_demo_data


@dataclass(frozen=True)
class Created:
    users: int
    partners: int
    cases: int


def create_demo() -> Created:
    """Idempotent: a second run creates nothing new."""
    users = create_demo_data()
    partners = create_demo_network_data()
    cases = create_demo_cases()
    create_demo_meetings()
    create_demo_budgets()
    return Created(users, partners, cases)
