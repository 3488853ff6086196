import logging
from datetime import date

import pytest
from django.contrib.auth.models import Group

from cases import services
from cases.constants import PersonRole, Sex
from cases.models import Case, Person
from districts.models import District, ServiceArea
from districts.reference_data import load_reference_data
from sozialraum.roles import Role
from tests.factories import MembershipFactory, TeamFactory, UserFactory


def pytest_collection_modifyitems(config, items):
    """Browser tests run last. Playwright keeps an event loop running in the main thread from
    its first test on; Django's connections are asgiref-locals, so every later test would
    open connections in a new context and leave them behind."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Generated files (reports) go to a temporary folder, not into var/ of the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def fail_on_logged_errors(caplog):
    """A test that makes the app log an error fails, even if its own assertions pass."""
    yield
    errors = [record for record in caplog.get_records("call") if record.levelno >= logging.ERROR]
    if errors:
        pytest.fail("Logged errors: " + "; ".join(record.getMessage() for record in errors))


@pytest.fixture
def reference_data(db):
    load_reference_data()


def user_with_role(role: Role | None, **kwargs):
    user = UserFactory(**kwargs)
    if role is not None:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def caseworker(db):
    return user_with_role(Role.CASEWORKER, username="fachkraft")


@pytest.fixture
def team_lead(db):
    return user_with_role(Role.TEAM_LEAD, username="teamleitung")


@pytest.fixture
def planner(db):
    return user_with_role(Role.PLANNING, username="planung")


@pytest.fixture
def coordinator(db):
    return user_with_role(Role.NETWORK_COORDINATION, username="koordination")


@pytest.fixture
def administrator(db):
    return user_with_role(Role.ADMINISTRATION, username="administration", is_staff=True)


@pytest.fixture
def roleless_user(db):
    return user_with_role(None, username="ohnerolle", first_name="Rolf", last_name="Rollenlos")


@pytest.fixture
def styrum_team(reference_data, caseworker, team_lead):
    team = TeamFactory(district=District.objects.get(slug="styrum"), name="Sozialraumteam Styrum")
    service_areas = ServiceArea.objects.in_bulk(["Casemanagement", "Kommunaler Sozialer Dienst"], field_name="name")
    MembershipFactory(team=team, user=team_lead, role="lead", service_area=service_areas["Casemanagement"])
    MembershipFactory(
        team=team, user=caseworker, role="member", service_area=service_areas["Kommunaler Sozialer Dienst"]
    )
    return team


# Case work: a Styrum team with members of two legal areas, an outsider in Ulm, and a case.


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
