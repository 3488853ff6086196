import logging

import pytest
from django.contrib.auth.models import Group

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
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
