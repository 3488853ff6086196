"""About 200 clearly fictitious cases for the demo (Faker de_DE with a fixed seed), with
goals, resources, consents (some withdrawn, some expired) and months of work of all kinds."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from faker import Faker

from cases import services
from cases.constants import (
    NON_CASE_TYPES,
    ActivityType,
    CaseStatus,
    ClosingReason,
    ConsentScope,
    GoalStatus,
    PersonRole,
    Phase,
    Relationship,
    ResourceKind,
    Sex,
    Topic,
    WorkKind,
)
from cases.models import Activity, Case, Consent, Goal, Person, Resource
from districts.models import Membership, Team

CASES_PER_MEMBER = 8
SEED = 2026

WILLS = [
    "Ich will wieder selbst einkaufen gehen können.",
    "Ich möchte eine Arbeit finden, bei der ich morgens rauskomme.",
    "Ich will meine Schulden in den Griff bekommen, Schritt für Schritt.",
    "Ich möchte in meiner Wohnung bleiben und mich dort sicher fühlen.",
    "Ich will, dass meine Kinder wieder regelmäßig zur Schule gehen.",
    "Ich möchte Leute im Viertel kennenlernen.",
    "Ich will meine Anträge künftig selbst stellen können.",
    "Ich möchte Deutsch so gut sprechen, dass ich beim Arzt allein zurechtkomme.",
]
GOALS = [
    ("Wöchentlich allein zum Markt gehen", "Frau/Herr X übt den Weg, Nachbarin begleitet die ersten Male"),
    ("Bewerbung für eine Teilzeitstelle abschicken", "Lebenslauf gemeinsam schreiben, Person sucht drei Stellen"),
    ("Haushaltsplan aufstellen", "Person sammelt Belege, Schuldnerberatung prüft Forderungen"),
    ("Mietrückstand ausgleichen", "Ratenplan mit Vermieter, Antrag auf Übernahme prüfen"),
    ("Kinder melden sich jeden Morgen pünktlich in der Schule", "Eltern wecken, Schulsozialarbeit hält Kontakt"),
    ("Einmal pro Woche ins Stadtteilcafé gehen", "Person geht hin, Stadtteilkoordination stellt vor"),
]
RESOURCES = [
    (ResourceKind.PERSONAL, "Kann gut kochen und hat Freude daran"),
    (ResourceKind.FAMILY, "Schwester wohnt im selben Haus"),
    (ResourceKind.SOCIAL_NETWORK, "Kontakt zur Kirchengemeinde"),
    (ResourceKind.NEIGHBOURHOOD, "Nachbarschaftshilfe hilft beim Einkauf"),
    (ResourceKind.DISTRICT, "Sprachcafé im Bürgerzentrum"),
]
GROUPS = ["Elterncafé", "Bewerbungstreff", "Seniorenfrühstück", "Sprachcafé"]


@transaction.atomic
def create_demo_cases() -> int:
    """Create the demo cases once; returns how many were created (0 if they exist)."""
    if Case.objects.exists():
        return 0
    rng = random.Random(SEED)
    fake = Faker("de_DE")
    fake.seed_instance(SEED)
    today = timezone.localdate()
    created = []
    memberships = Membership.objects.select_related("user", "team__district", "service_area__legal_area")
    for membership in memberships.order_by("team_id", "id"):
        if membership.service_area is None:
            continue
        for _ in range(CASES_PER_MEMBER):
            created.append(demo_case(rng, fake, today, membership))
    demo_activities(rng, today, created)
    return len(created)


def demo_case(rng, fake, today, membership) -> Case:
    opened_on = today - timedelta(days=rng.randint(10, 400))
    closed = rng.random() < 0.2
    case = Case(
        team=membership.team,
        legal_area=membership.service_area.legal_area,
        service_area=membership.service_area,
        caseworker=membership.user,
        topics=rng.sample(Topic.values, rng.randint(1, 3)),
        will=rng.choice(WILLS),
        phase=rng.choice(Phase.values),
        opened_on=opened_on,
    )
    if closed:
        case.status = CaseStatus.CLOSED
        case.closed_on = min(today, opened_on + timedelta(days=rng.randint(5, 200)))
        case.closing_reason = rng.choice(ClosingReason.values)
    sex = rng.choice([Sex.FEMALE, Sex.MALE])
    first_name = fake.first_name_female() if sex == Sex.FEMALE else fake.first_name_male()
    person = Person(
        role=PersonRole.MAIN,
        first_name=first_name,
        last_name=fake.last_name(),
        birth_date=fake.date_of_birth(minimum_age=16, maximum_age=88),
        sex=sex,
        street=fake.street_address(),
        postal_code=fake.postcode(),
        city=membership.team.district.municipality.name,
        phone=fake.phone_number(),
    )
    services.open_case(membership.user, case, person)
    if rng.random() < 0.4:
        Person.objects.create(
            case=case,
            role=PersonRole.HOUSEHOLD,
            relationship=Relationship.CHILD,
            first_name=fake.first_name(),
            last_name=person.last_name,
            birth_date=fake.date_of_birth(minimum_age=1, maximum_age=17),
            sex=rng.choice(Sex.values),
        )
    for title, actions in rng.sample(GOALS, rng.randint(1, 3)):
        status = rng.choice(GoalStatus.values)
        Goal.objects.create(
            case=case,
            title=title,
            actions=actions,
            status=status,
            due_on=opened_on + timedelta(days=rng.randint(14, 240)),
            achieved_on=min(today, opened_on + timedelta(days=rng.randint(1, 120)))
            if status == GoalStatus.ACHIEVED
            else None,
        )
    for kind, description in rng.sample(RESOURCES, rng.randint(1, 3)):
        Resource.objects.create(case=case, kind=kind, description=description)
    if rng.random() < 0.5:
        given_on = opened_on + timedelta(days=rng.randint(0, 5))
        consent = Consent(
            case=case,
            scope=ConsentScope.TEAM,
            team=case.team,
            purpose="Kollegiale Fallberatung im Sozialraumteam",
            given_on=given_on,
            recorded_by=membership.user,
        )
        roll = rng.random()
        if roll < 0.2:
            consent.withdrawn_at = timezone.now() - timedelta(days=rng.randint(1, 30))
        elif roll < 0.4:
            consent.valid_until = given_on + timedelta(days=30)  # expired by now for most
        consent.save()
    return case


def demo_activities(rng, today, cases) -> None:
    activities = []
    case_types = [t for t in ActivityType.values if t not in NON_CASE_TYPES and t != ActivityType.GROUP]
    for case in cases:
        for _ in range(rng.randint(2, 8)):
            day = case.opened_on + timedelta(days=rng.randint(0, max(0, (today - case.opened_on).days)))
            activities.append(
                Activity(
                    user=case.caseworker,
                    date=min(day, today),
                    minutes=rng.choice([15, 30, 45, 60, 90]),
                    kind=WorkKind.CASE_SPECIFIC,
                    activity_type=rng.choice(case_types),
                    district=case.team.district,
                    case=case,
                )
            )
    for team in Team.objects.prefetch_related("memberships"):
        for membership in team.memberships.all():
            for _ in range(rng.randint(6, 14)):
                activities.append(
                    Activity(
                        user_id=membership.user_id,
                        date=today - timedelta(days=rng.randint(0, 45)),
                        minutes=rng.choice([60, 90, 120, 180]),
                        kind=WorkKind.NON_CASE,
                        activity_type=rng.choice(sorted(NON_CASE_TYPES)),
                        district_id=team.district_id,
                        people_reached=rng.randint(3, 60),
                        note="Demo: Arbeit im Sozialraum",
                    )
                )
            for _ in range(rng.randint(1, 4)):
                activities.append(
                    Activity(
                        user_id=membership.user_id,
                        date=today - timedelta(days=rng.randint(0, 45)),
                        minutes=rng.choice([60, 90, 120]),
                        kind=WorkKind.CROSS_CASE,
                        activity_type=ActivityType.GROUP,
                        district_id=team.district_id,
                        group_description=rng.choice(GROUPS),
                    )
                )
    Activity.objects.bulk_create(activities, batch_size=1000)
