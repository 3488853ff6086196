"""What tests of several apps share: users with roles, the Styrum client's personal data,
consents, and the browser steps. Test modules import from here, never from each other."""

import io
import re
from datetime import date

from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases import services
from cases.constants import Sex
from cases.models import Consent
from demo.staff import DEMO_PASSWORD
from districts.constants import MembershipRole
from districts.models import ServiceArea
from sozialraum.roles import Role
from tests.factories import MembershipFactory, UserFactory

# Every test runs with this hasher (tests/conftest.py); the browser tests' demo data too.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def user_with_role(role: Role | None, **kwargs):
    user = UserFactory(**kwargs)
    if role is not None:
        user.groups.add(Group.objects.get(name=role))
    return user


def member(team, username, service_area_name, role=Role.CASEWORKER, team_role=MembershipRole.MEMBER):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=role))
    MembershipFactory(
        team=team, user=user, role=team_role, service_area=ServiceArea.objects.get(name=service_area_name)
    )
    return user


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

PERSONAL_DATA = [
    PERSON["first_name"],
    PERSON["last_name"],
    "14.03.1961",
    "1961-03-14",
    PERSON["street"],
    PERSON["postal_code"],
    PERSON["phone"],
]


def open_case_data(styrum, sgb2_worker, **person_changes):
    person = {**PERSON, "birth_date": PERSON["birth_date"].isoformat(), **person_changes}
    data = {f"person-{key}": value for key, value in person.items()}
    data.update(
        {
            "case-team": styrum.pk,
            "case-legal_area": 1,
            "case-service_area": sgb2_worker.memberships.get().service_area_id,
            "case-caseworker": sgb2_worker.pk,
            "case-phase": "start",
            "case-opened_on": timezone.localdate().isoformat(),
            "case-will": "Ich will wieder arbeiten.",
            "case-topics": ["work"],
        }
    )
    data["case-legal_area"] = sgb2_worker.memberships.get().service_area.legal_area_id
    return data


def give_consent(case, by, **target):
    return services.add_to_case(
        by,
        Consent(case=case, purpose="Fallberatung", given_on=timezone.localdate(), recorded_by=by, **target),
    )


# Names that must never reach a published report.
SECRET_NAMES = ["Hildegard", "Geheimnis", "Sonnenweg 12", "0731 9999", "07.07.1950"]


def pdf_text(content: bytes) -> str:
    """The text of a PDF, page after page (what a reader of the file gets)."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/")
    expect(page).to_have_title(re.compile("Anmelden"))
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Willkommen|Meine Arbeit"))


def log_out(page: Page) -> None:
    page.locator("#main-navigation .dropdown-toggle").click()
    page.get_by_role("button", name="Abmelden").click()


def database_url_of_the_tests() -> str:
    """The test database as a DATABASE_URL, for processes the tests start (workers, gunicorn)."""
    from django.db import connection

    from demo.benchmark import Database

    return Database(connection.settings_dict["NAME"]).url(connection.settings_dict)
