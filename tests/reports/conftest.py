from datetime import date

import pytest

from cases import services
from cases.constants import ActivityType, CaseStatus, ClosingReason, WorkKind
from cases.models import Activity, Case, Person
from districts.models import District, ServiceArea
from tests.factories import TeamFactory
from tests.helpers import member


@pytest.fixture
def ulm_cases(reference_data):
    """Böfingen: 12 cases opened in 2025 (7 closed in 2025) and 6 in 2024; Wiblingen: 2 in 2025."""
    boefingen = District.objects.get(slug="boefingen")
    wiblingen = District.objects.get(slug="wiblingen")
    area = ServiceArea.objects.get(name="Kommunaler Sozialer Dienst")
    made = {}
    for district, count_2025, count_2024 in ((boefingen, 12, 6), (wiblingen, 2, 0)):
        team = TeamFactory(district=district, name=f"Sozialraumteam {district.name}")
        worker = member(team, f"fk-{district.slug}", "Kommunaler Sozialer Dienst")
        cases = []
        for number in range(count_2025 + count_2024):
            opened = date(2025, 3, 1 + number) if number < count_2025 else date(2024, 5, 1 + number)
            case = services.open_case(
                worker,
                Case(
                    team=team,
                    legal_area=area.legal_area,
                    service_area=area,
                    caseworker=worker,
                    opened_on=opened,
                    topics=["housing"],
                ),
                Person(
                    first_name="Hildegard",
                    last_name="Geheimnis",
                    street="Sonnenweg 12",
                    phone="0731 9999",
                    birth_date=date(1950, 7, 7),
                ),
            )
            cases.append(case)
        made[district.slug] = cases
        Activity.objects.create(
            user=worker,
            district=district,
            kind=WorkKind.NON_CASE,
            activity_type=ActivityType.DISTRICT_WALK,
            minutes=300,
            date=date(2025, 6, 3),
            people_reached=20,
        )
        Activity.objects.create(
            user=worker,
            district=district,
            kind=WorkKind.CASE_SPECIFIC,
            activity_type=ActivityType.COUNSELLING,
            minutes=700,
            date=date(2025, 6, 4),
            case=cases[0],
        )
    Case.objects.filter(pk__in=[case.pk for case in made["boefingen"][:7]]).update(
        status=CaseStatus.CLOSED, closed_on=date(2025, 9, 30), closing_reason=ClosingReason.GOALS_REACHED
    )
    return made


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def styrum_cases(reference_data):
    """Mülheim's Styrum in 2025: SGB II 9 cases, SGB VIII 3, SGB XII 6 (2024: 4, 7, 0)."""
    styrum = District.objects.get(slug="styrum")
    team = TeamFactory(district=styrum, name="Sozialraumteam Styrum")
    for area_name, count_2025, count_2024 in (
        ("Casemanagement", 9, 4),
        ("Kommunaler Sozialer Dienst", 3, 7),
        ("Sozialer Dienst für Ältere", 6, 0),
    ):
        area = ServiceArea.objects.get(name=area_name)
        worker = member(team, f"fk-styrum-{area.pk}", area_name)
        for number in range(count_2025 + count_2024):
            opened = date(2025, 4, 1 + number) if number < count_2025 else date(2024, 4, 1 + number)
            services.open_case(
                worker,
                Case(
                    team=team,
                    legal_area=area.legal_area,
                    service_area=area,
                    caseworker=worker,
                    opened_on=opened,
                    topics=["work"],
                ),
                Person(first_name="Hildegard", last_name="Geheimnis", birth_date=date(1950, 7, 7)),
            )
    return team
