"""A Styrum team with members of two legal areas, an outsider in Ulm, and a case."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from cases import services
from cases.constants import PersonRole, Sex
from cases.models import Case, Person
from districts.models import District, ServiceArea
from sozialraum.roles import Role
from tests.factories import MembershipFactory, TeamFactory, UserFactory

PASSWORD = "geheim-123"


def member(team, username, service_area_name, role=Role.CASEWORKER, team_role="member"):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=role))
    MembershipFactory(
        team=team, user=user, role=team_role, service_area=ServiceArea.objects.get(name=service_area_name)
    )
    return user


@pytest.fixture
def styrum(reference_data):
    return TeamFactory(district=District.objects.get(slug="styrum"), name="Sozialraumteam Styrum")


@pytest.fixture
def sgb2_worker(styrum):
    """Responsible caseworker of the case (Casemanagement, SGB II)."""
    return member(styrum, "cm-sgb2", "Casemanagement")


@pytest.fixture
def sgb2_colleague(styrum):
    """Same team, same legal area: full access."""
    return member(styrum, "lg-sgb2", "Leistungsgewährung")


@pytest.fixture
def sgb8_worker(styrum):
    """Same team, other legal area: pseudonymised access."""
    return member(styrum, "ksd-sgb8", "Kommunaler Sozialer Dienst")


@pytest.fixture
def styrum_lead(styrum):
    return member(styrum, "leitung", "Casemanagement", role=Role.TEAM_LEAD, team_role="lead")


@pytest.fixture
def outsider(reference_data):
    """A caseworker of a team in Ulm."""
    team = TeamFactory(district=District.objects.get(slug="wiblingen"), name="Sozialraumteam Wiblingen")
    return member(team, "ulm-ksd", "Kommunaler Sozialer Dienst")


PERSON = {
    "first_name": "Erika",
    "last_name": "Müller",
    "birth_date": date(1961, 3, 14),
    "sex": Sex.FEMALE,
    "street": "Kaiserstraße 17",
    "postal_code": "45476",
    "city": "Mülheim an der Ruhr",
    "phone": "0208 1234567",
}


@pytest.fixture
def case(styrum, sgb2_worker) -> Case:
    new_case = Case(
        team=styrum,
        legal_area=ServiceArea.objects.get(name="Casemanagement").legal_area,
        service_area=ServiceArea.objects.get(name="Casemanagement"),
        caseworker=sgb2_worker,
        topics=["work", "finances"],
        will="Ich will morgens wieder einen Grund zum Aufstehen haben.",
        opened_on=date(2026, 2, 2),
    )
    return services.open_case(sgb2_worker, new_case, Person(role=PersonRole.MAIN, **PERSON))
