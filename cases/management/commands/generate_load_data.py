"""Fill the database with many fictitious cases and activities to measure the lists under load.

Not part of the demo: `python manage.py generate_load_data --cases 20000 --activities 500000`.
Rows go in with bulk inserts; the demo teams and users must exist (run demo_data first)."""

import random
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from faker import Faker

from cases.constants import NON_CASE_TYPES, ActivityType, CaseStatus, PersonRole, Phase, Sex, Topic, WorkKind
from cases.models import Activity, Case, CaseNumberSequence, Person
from districts.models import Membership
from networks.models import Offer, Partner
from sozialraum.db_roles import as_owner

FIRST_NAMES = ["Anna", "Jonas", "Fatma", "Lukas", "Olga", "Mehmet", "Sabine", "Peter", "Ayşe", "Jürgen"]
LAST_NAMES = ["Müller", "Schmidt", "Yılmaz", "Schulz", "Kowalski", "Becker", "Öztürk", "Weiß", "Nowak", "Krüger"]
BATCH = 5000
OFFER_WORDS = [
    "Beratung",
    "Kinderbetreuung",
    "Sprachcafé",
    "Frühstück",
    "Nachhilfe",
    "Schuldnerberatung",
    "Begleitung",
    "Familienzentrum",
    "Seniorentreff",
    "Hausaufgabenhilfe",
    "Bewerbungstraining",
    "Mittagstisch",
    "Nachbarschaft",
    "Quartier",
    "Sprechstunde",
    "Gruppe",
    "Kurs",
    "Treffpunkt",
    "offen",
    "kostenlos",
    "Anmeldung",
    "Eltern",
]


class Command(BaseCommand):
    help = "Generate many fictitious cases and activities for load measurements (needs demo_data first)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=20_000)
        parser.add_argument("--activities", type=int, default=500_000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument(
            "--household", type=float, default=0.5, help="Share of cases with a second person (default 0.5)."
        )
        parser.add_argument("--offers", type=int, default=0, help="Offers to add to the directory (default none).")

    def handle(self, *args, cases: int, activities: int, seed: int, household: float, offers: int, **options):
        memberships = list(
            Membership.objects.filter(service_area__isnull=False).select_related("team__district", "service_area")
        )
        if not memberships:
            raise CommandError("Keine Teams mit Mitgliedern: zuerst `manage.py demo_data` ausführen.")
        rng = random.Random(seed)
        self.fake = Faker("de_DE")
        self.fake.seed_instance(seed)
        self.household = household
        started = time.monotonic()
        with transaction.atomic():
            case_ids = self.make_cases(rng, memberships, cases)
            self.make_activities(rng, memberships, case_ids, activities)
            self.make_offers(rng, offers)
        if not connection.in_atomic_block:  # (inside a test's transaction the statistics do not matter)
            # Fresh statistics for the planner; ANALYZE is the tables' owner's right.
            with as_owner(), connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(f"{cases} Fälle und {activities} Tätigkeiten in {time.monotonic() - started:.1f} s angelegt.")

    def make_cases(self, rng, memberships, count) -> list[tuple[int, int, int]]:
        today = timezone.localdate()
        year = today.year
        numbers: dict[int, int] = {}
        for sequence in CaseNumberSequence.objects.filter(year=year):
            numbers[sequence.district_id] = sequence.last_number
        created: list[tuple[int, int, int]] = []
        for start in range(0, count, BATCH):
            batch, owners = [], []
            for _ in range(min(BATCH, count - start)):
                membership = rng.choice(memberships)
                district = membership.team.district
                numbers[district.pk] = numbers.get(district.pk, 0) + 1
                closed = rng.random() < 0.3
                opened_on = today - timedelta(days=rng.randint(0, 1500))
                batch.append(
                    Case(
                        reference=f"{district.code}-{year}-{numbers[district.pk]:05d}",
                        team=membership.team,
                        legal_area_id=membership.service_area.legal_area_id,
                        service_area=membership.service_area,
                        caseworker_id=membership.user_id,
                        topics=rng.sample(Topic.values, rng.randint(1, 3)),
                        phase=rng.choice(Phase.values),
                        opened_on=opened_on,
                        will="Lastdaten",
                        status=CaseStatus.CLOSED if closed else CaseStatus.OPEN,
                        closed_on=min(today, opened_on + timedelta(days=rng.randint(1, 300))) if closed else None,
                        closing_reason="other" if closed else "",
                    )
                )
                owners.append(membership)
            Case.objects.bulk_create(batch)
            persons = []
            for case in batch:
                last = self.last_name(rng)
                persons.append(self.person(rng, case, PersonRole.MAIN, self.first_name(rng), last, today))
                if rng.random() < self.household:
                    persons.append(self.person(rng, case, PersonRole.HOUSEHOLD, self.first_name(rng), last, today))
            Person.objects.bulk_create(persons)
            created += [
                (case.pk, owner.user_id, owner.team.district_id) for case, owner in zip(batch, owners, strict=True)
            ]
        for district_id, number in numbers.items():
            CaseNumberSequence.objects.update_or_create(
                district_id=district_id, year=year, defaults={"last_number": number}
            )
        return created

    def first_name(self, rng) -> str:
        return rng.choice(FIRST_NAMES) if rng.random() < 0.2 else self.fake.first_name()

    def last_name(self, rng) -> str:
        # Mostly the German surname list of Faker, a fifth from the names common in the districts.
        return rng.choice(LAST_NAMES) if rng.random() < 0.2 else self.fake.last_name()

    def person(self, rng, case, role, first, last, today) -> Person:
        person = Person(
            case=case,
            role=role,
            first_name=first,
            last_name=last,
            birth_date=today - timedelta(days=rng.randint(0 if role == PersonRole.HOUSEHOLD else 18 * 365, 85 * 365)),
            sex=rng.choice(Sex.values),
        )
        person.set_search_keys()
        return person

    def make_offers(self, rng, count) -> None:
        partners = list(Partner.objects.prefetch_related("districts"))
        if not count or not partners:
            return
        words = OFFER_WORDS
        batch = []
        for number in range(count):
            title = f"{rng.choice(words)} {rng.choice(words).lower()} {number}"
            description = " ".join(rng.choice(words) for _ in range(40))
            batch.append(Offer(partner=rng.choice(partners), title=title, description=description, topics=["care"]))
        Offer.objects.bulk_create(batch, batch_size=2000)

    def make_activities(self, rng, memberships, cases, count) -> None:
        today = timezone.localdate()
        case_types = [kind for kind in ActivityType.values if kind not in NON_CASE_TYPES]
        district_types = sorted(NON_CASE_TYPES)
        for start in range(0, count, BATCH):
            batch = []
            for _ in range(min(BATCH, count - start)):
                day = today - timedelta(days=rng.randint(0, 730))
                if rng.random() < 0.75:
                    case_id, user_id, district_id = rng.choice(cases)
                    batch.append(
                        Activity(
                            user_id=user_id,
                            date=day,
                            minutes=rng.choice([15, 30, 45, 60, 90]),
                            kind=WorkKind.CASE_SPECIFIC,
                            activity_type=rng.choice(case_types),
                            district_id=district_id,
                            case_id=case_id,
                        )
                    )
                else:
                    membership = rng.choice(memberships)
                    batch.append(
                        Activity(
                            user_id=membership.user_id,
                            date=day,
                            minutes=rng.choice([60, 90, 120]),
                            kind=WorkKind.NON_CASE,
                            activity_type=rng.choice(district_types),
                            district_id=membership.team.district_id,
                            people_reached=rng.randint(1, 80),
                        )
                    )
            Activity.objects.bulk_create(batch)
