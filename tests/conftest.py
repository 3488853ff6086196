import logging
from datetime import date, time, timedelta

import pytest
from django.utils import timezone
from pytest_django.plugin import blocking_manager_key

from cases import services
from cases.constants import PersonRole
from cases.models import Case, Person
from districts.constants import MembershipRole
from districts.models import District, ServiceArea
from districts.reference_data import load_reference_data
from meetings import services as meeting_services
from meetings.constants import MeetingKind, Rhythm
from meetings.models import MeetingSeries
from sozialraum.roles import Role
from tests.factories import TeamFactory
from tests.helpers import FAST_HASHERS, PERSON, member, user_with_role


def pytest_addoption(parser):
    parser.addoption(
        "--fuzz-examples",
        type=int,
        default=3,
        help="Submissions per form and role in tests/robustness/test_fuzz_forms.py (longer runs: 50).",
    )


def pytest_collection_modifyitems(config, items):
    """Browser tests run last. Playwright keeps an event loop running in the main thread from
    its first test on; Django's connections are asgiref-locals, so every later test would
    open connections in a new context and leave them behind."""
    for item in items:  # every test of tests/e2e is a browser test, marked or not
        if "e2e" in item.path.parts and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def pytest_configure(config):
    """WhiteNoise reads every static file when its middleware is built, which the test client
    does for every test (70 ms each, a minute of the suite); with autorefresh it looks files up
    when one is asked for, as in development."""
    from django.conf import settings

    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Generated files (reports) go to a temporary folder, not into var/ of the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache():
    """What the app keeps in its cache (filter choices per user id) does not outlive a test:
    the next test's database gives the same ids to other people."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(scope="session", autouse=True)
def quiet_request_lines():
    """One line per request and per sign-in would bury a failing test's message under thousands
    of lines; the tests of those lines raise the level themselves (caplog.at_level)."""
    for name in ("sozialraum.requests", "axes"):
        logging.getLogger(name).setLevel(logging.WARNING)


@pytest.fixture(autouse=True)
def fail_on_logged_errors(caplog):
    """A test that makes the app log an error fails, even if its own assertions pass."""
    yield
    errors = [record for record in caplog.get_records("call") if record.levelno >= logging.ERROR]
    if errors:
        pytest.fail("Logged errors: " + "; ".join(record.getMessage() for record in errors))


@pytest.fixture(scope="session", autouse=True)
def committed_reference_data(django_db_setup, django_db_blocker):
    """The seeds' municipalities, districts and figures, loaded once per test database
    (0.2 s that most tests would pay again); tests roll back on top of them."""
    with django_db_blocker.unblock():
        load_reference_data()


def is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends by emptying every table: the reference data comes back."""
    result = yield
    if is_transactional(item) and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            load_reference_data()
    return result


@pytest.fixture
def reference_data(db):
    """The reference data are there (committed_reference_data); a test names this fixture to say it uses them."""


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
def data_protection(db):
    return user_with_role(Role.DATA_PROTECTION, username="datenschutz")


@pytest.fixture
def roleless_user(db):
    return user_with_role(None, username="ohnerolle", first_name="Rolf", last_name="Rollenlos")


# The Styrum team with members of two legal areas, an outsider in Ulm, and a case: the one
# team the tests of every app share.


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
    return member(styrum, "leitung", "Casemanagement", role=Role.TEAM_LEAD, team_role=MembershipRole.LEAD)


@pytest.fixture
def outsider(reference_data):
    """A caseworker of a team in Ulm."""
    team = TeamFactory(district=District.objects.get(slug="wiblingen"), name="Sozialraumteam Wiblingen")
    return member(team, "ulm-ksd", "Kommunaler Sozialer Dienst")


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


# A monthly team meeting series of Styrum and a case proposed for it.


@pytest.fixture
def series(styrum, styrum_lead):
    today = timezone.localdate()
    made = MeetingSeries.objects.create(
        team=styrum,
        name="Sozialraumteam Styrum",
        kind=MeetingKind.SOZIALRAUMTEAM,
        rhythm=Rhythm.MONTHLY_NTH_WEEKDAY,
        weekday=1,
        nth=2,
        start_date=today - timedelta(days=70),
        end_date=today + timedelta(days=120),
        start_time=time(9),
        end_time=time(11),
        place="Sozialagentur, Raum 1",
    )
    meeting_services.generate_meetings(made)
    return made


@pytest.fixture
def meeting(series):
    return series.meetings.filter(date__gte=timezone.localdate()).order_by("date").first()


@pytest.fixture
def proposal(case, sgb2_worker):
    return meeting_services.propose_case(sgb2_worker, case, "Wie stärken wir den Willen, wieder zu arbeiten?")
