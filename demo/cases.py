"""About 250 clearly fictitious cases for the demo (Faker de_DE with a fixed seed), each from a
scenario of its legal area (demo/scenarios.py): goals, resources, household, consents (some
withdrawn, some expired), referrals with the consent they need, and months of work of all kinds."""

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
    ReferralStatus,
    Relationship,
    Sex,
    WorkKind,
)
from cases.models import Activity, Case, Consent, Goal, Person, Referral, Resource
from demo.scenarios import scenarios_for
from districts.models import Membership, Team
from networks.models import Offer

CASES_PER_MEMBER = 8
SEED = 2026

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
    """One case from a scenario of the member's legal area: a person of a fitting age, the will,
    goals and resources of that scenario, its household, and sometimes a referral to an offer on
    its topics together with the consent that allows it."""
    scenario = rng.choice(scenarios_for(membership.service_area.legal_area.code))
    opened_on = today - timedelta(days=rng.randint(10, 400))
    closed = rng.random() < 0.2
    case = Case(
        team=membership.team,
        legal_area=membership.service_area.legal_area,
        service_area=membership.service_area,
        caseworker=membership.user,
        topics=list(scenario.topics),
        will=scenario.will,
        phase=rng.choice(Phase.values),
        opened_on=opened_on,
    )
    if closed:
        case.status = CaseStatus.CLOSED
        case.closed_on = min(today, opened_on + timedelta(days=rng.randint(5, 200)))
        case.closing_reason = rng.choice(ClosingReason.values)
    sex = rng.choice([Sex.FEMALE, Sex.MALE])
    person = Person(
        role=PersonRole.MAIN,
        first_name=first_name(fake, sex),
        last_name=fake.last_name(),
        birth_date=fake.date_of_birth(minimum_age=scenario.min_age, maximum_age=scenario.max_age),
        sex=sex,
        street=fake.street_address(),
        postal_code=fake.postcode(),
        city=membership.team.district.municipality.name,
        phone=fake.phone_number(),
    )
    services.open_case(membership.user, case, person)
    if scenario.household and rng.random() < scenario.household_share:
        for member in scenario.household:
            for _ in range(rng.randint(*member.count)):
                member_sex = rng.choice([Sex.FEMALE, Sex.MALE])
                if member.relationship == Relationship.MOTHER:
                    member_sex = Sex.FEMALE
                Person.objects.create(
                    case=case,
                    role=PersonRole.HOUSEHOLD,
                    relationship=member.relationship,
                    first_name=first_name(fake, member_sex),
                    last_name=person.last_name if member.same_last_name else fake.last_name(),
                    birth_date=fake.date_of_birth(**member_ages(member, person.birth_date, today)),
                    sex=member_sex,
                    street=person.street,
                    postal_code=person.postal_code,
                    city=person.city,
                )
    for title, actions in scenario.goals[: rng.randint(1, len(scenario.goals))]:
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
    for kind, description in scenario.resources[: rng.randint(1, len(scenario.resources))]:
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
    if not closed and rng.random() < 0.3:
        demo_referral(rng, today, case, membership.user)
    return case


def member_ages(member, main_birth_date, today) -> dict[str, int]:
    """A child at least 18 years younger than the main person, a mother at least 18 years older."""
    main_age = (today - main_birth_date).days // 365
    low, high = member.min_age, member.max_age
    if member.relationship == Relationship.CHILD:
        high = max(0, min(high, main_age - 18))
        low = min(low, high)
    elif member.relationship == Relationship.MOTHER:
        low = max(low, main_age + 18)
        high = max(high, low)
    return {"minimum_age": low, "maximum_age": high}


def first_name(fake, sex: str) -> str:
    return fake.first_name_female() if sex == Sex.FEMALE else fake.first_name_male()


def demo_referral(rng, today, case, user) -> None:
    """A referral to an offer on the case's topics in its district, after the consent for that partner."""
    offers = list(
        Offer.objects.filter(districts=case.team.district_id, topics__overlap=case.topics)
        .select_related("partner")
        .order_by("id")
    )
    if not offers:
        return
    offer = rng.choice(offers)
    given_on = min(today, case.opened_on + timedelta(days=rng.randint(1, 20)))
    Consent.objects.create(
        case=case,
        scope=ConsentScope.PARTNER,
        partner=offer.partner,
        purpose=f"Vermittlung zu „{offer.title}“",
        given_on=given_on,
        recorded_by=user,
    )
    referral = Referral(
        case=case,
        partner=offer.partner,
        offer=offer,
        date=given_on,
        status=rng.choice([ReferralStatus.PROPOSED, ReferralStatus.ACCEPTED, ReferralStatus.STARTED]),
    )
    services.refer(user, referral)


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
