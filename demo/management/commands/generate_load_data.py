"""Fill the database with a fictitious city's caseload, to measure the pages under load.

Not part of the demo. `python manage.py generate_load_data --scale city` writes what the
benchmark calls city scale (60,192 cases, 3 million activities, 10 million audit events, 396
caseworkers in 36 teams) in a few minutes; `--scale 1pct` one hundredth of it with the same load
per caseworker. The rows are written by the database itself (INSERT … SELECT generate_series);
only the staff and a pool of names come from Python. Needs the reference data (districts,
service areas); the demo users are not needed.

The generated audit events are not part of the hash chain (they are written with the chain
trigger switched off, as the tables' owner): `verify_audit_trail` reports the first of them."""

import random
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from faker import Faker

from cases.constants import NON_CASE_TYPES, ActivityType, Phase, Sex, Topic
from cases.models import Person
from demo.staff import DEMO_PASSWORD
from districts.constants import MembershipRole
from districts.models import District, Membership, ServiceArea, Team
from networks.models import Offer, Partner
from sozialraum.db_roles import as_owner
from sozialraum.roles import Role


@dataclass(frozen=True)
class Scale:
    cases: int
    activities: int
    audit_events: int
    caseworkers: int
    follow_ups: int


# City scale as the issue measured it; 1 % keeps the load per caseworker (≈ 152 cases, 7,600
# activities each) so that pages of one person must stay flat while the city grows.
SCALES = {
    "city": Scale(cases=60_192, activities=3_000_000, audit_events=10_000_000, caseworkers=396, follow_ups=200_000),
    "1pct": Scale(cases=602, activities=30_000, audit_events=100_000, caseworkers=4, follow_ups=2_000),
}
MEMBERS_PER_TEAM = 11
# A few cases of every caseworker gather many entries (a family followed for years).
BUSY_CASE_SHARE = 0.04
COMMON_FIRST_NAMES = ["Anna", "Jonas", "Fatma", "Lukas", "Olga", "Mehmet", "Sabine", "Peter", "Ayşe", "Jürgen"]
COMMON_LAST_NAMES = ["Müller", "Schmidt", "Yılmaz", "Schulz", "Kowalski", "Becker", "Öztürk", "Weiß", "Nowak", "Krüger"]
NAME_POOL = 4000
OFFER_WORDS = [
    *("Beratung", "Kinderbetreuung", "Sprachcafé", "Frühstück", "Nachhilfe", "Schuldnerberatung", "Begleitung"),
    *("Familienzentrum", "Seniorentreff", "Hausaufgabenhilfe", "Bewerbungstraining", "Mittagstisch"),
    *("Nachbarschaft", "Quartier", "Sprechstunde", "Gruppe", "Kurs", "Treffpunkt", "offen", "kostenlos"),
    *("Anmeldung", "Eltern"),
]


class Command(BaseCommand):
    help = "Generate a fictitious city's cases, activities and audit events for load measurements."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), help="Preset sizes (overridden by the options below).")
        parser.add_argument("--cases", type=int)
        parser.add_argument("--activities", type=int)
        parser.add_argument("--audit-events", type=int)
        parser.add_argument("--caseworkers", type=int, help="Default: one per 152 cases.")
        parser.add_argument("--follow-ups", type=int)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--household", type=float, default=0.5, help="Share of cases with a second person.")
        parser.add_argument("--offers", type=int, default=0, help="Offers to add to the directory (default none).")

    def handle(self, *args, scale, seed: int, household: float, offers: int, **options):
        preset = SCALES.get(scale, Scale(20_000, 500_000, 0, 0, 0))
        cases = options["cases"] if options["cases"] is not None else preset.cases
        activities = options["activities"] if options["activities"] is not None else preset.activities
        audit_events = options["audit_events"] if options["audit_events"] is not None else preset.audit_events
        caseworkers = options["caseworkers"] or preset.caseworkers or max(1, round(cases / 152))
        follow_ups = options["follow_ups"] if options["follow_ups"] is not None else preset.follow_ups
        if not District.objects.exists() or not ServiceArea.objects.exists():
            raise CommandError("Keine Stadtteile: zuerst `manage.py load_reference_data` ausführen.")
        rng = random.Random(seed)
        started = time.monotonic()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
            staff = self.make_staff(caseworkers)
            self.make_name_pool(cursor, rng)
            self.make_cases(cursor, staff, cases, household)
            self.make_activities(cursor, activities, cases)
            self.make_follow_ups(cursor, follow_ups, cases)
            self.make_offers(rng, offers)
        if audit_events:
            self.make_audit_events(audit_events)
        if not connection.in_atomic_block:  # (inside a test's transaction the statistics do not matter)
            # Fresh statistics for the planner; ANALYZE is the tables' owner's right.
            with as_owner(), connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"{cases} Fälle, {activities} Tätigkeiten, {follow_ups} Wiedervorlagen, {audit_events} "
            f"Protokolleinträge für {caseworkers} Fachkräfte in {time.monotonic() - started:.1f} s angelegt."
        )

    def make_staff(self, count: int) -> list[Membership]:
        """Caseworkers in teams of eleven with a lead each, over all districts; usernames
        last-fk-0001 … and last-leitung-01 … (password of the demo)."""
        groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
        password = make_password(DEMO_PASSWORD)
        districts = list(District.objects.order_by("municipality__name", "name"))
        areas = list(ServiceArea.objects.order_by("pk"))
        users = get_user_model().objects
        teams = []
        for number in range(1, -(-count // MEMBERS_PER_TEAM) + 1):
            district = districts[(number - 1) % len(districts)]
            team, _ = Team.objects.get_or_create(district=district, name=f"Lastteam {number}")
            lead, _ = users.get_or_create(
                username=f"last-leitung-{number:02d}",
                defaults={"first_name": "Leitung", "last_name": f"Lastteam {number}", "password": password},
            )
            lead.groups.add(groups[Role.TEAM_LEAD])
            Membership.objects.get_or_create(user=lead, team=team, defaults={"role": MembershipRole.LEAD})
            teams.append(team)
        members = []
        for number in range(1, count + 1):
            worker, _ = users.get_or_create(
                username=f"last-fk-{number:04d}",
                defaults={"first_name": "Fachkraft", "last_name": f"{number:04d}", "password": password},
            )
            worker.groups.add(groups[Role.CASEWORKER])
            membership, _ = Membership.objects.get_or_create(
                user=worker,
                team=teams[(number - 1) // MEMBERS_PER_TEAM],
                defaults={"service_area": areas[(number - 1) % len(areas)]},
            )
            members.append(membership)
        return members

    def make_name_pool(self, cursor, rng) -> None:
        """Names with their search keys, computed by the app's own rules (Person.set_search_keys)."""
        fake = Faker("de_DE")
        fake.seed_instance(rng.randint(0, 10**6))
        rows = []
        for number in range(NAME_POOL):
            first = rng.choice(COMMON_FIRST_NAMES) if rng.random() < 0.2 else fake.first_name()
            last = rng.choice(COMMON_LAST_NAMES) if rng.random() < 0.2 else fake.last_name()
            person = Person(first_name=first, last_name=last)
            person.set_search_keys()
            rows.append(
                (number, first, last, person.first_name_key, person.last_name_key)
                + (person.first_name_codes, person.last_name_codes)
            )
        cursor.execute(
            "CREATE TEMPORARY TABLE load_names (n int PRIMARY KEY, first_name text, last_name text, "
            "first_name_key text, last_name_key text, first_name_codes text[], last_name_codes text[]) "
            "ON COMMIT DROP"
        )
        with cursor.copy("COPY load_names FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def make_cases(self, cursor, staff: list[Membership], count: int, household: float) -> None:
        """Cases dealt to the caseworkers in turn, opened over four years, 30 % closed; one main
        person each and a household member in `household` of them."""
        cursor.execute(
            "CREATE TEMPORARY TABLE load_staff (n int PRIMARY KEY, user_id int, team_id bigint, district_id bigint, "
            "district_code text, legal_area_id bigint, service_area_id bigint) ON COMMIT DROP"
        )
        memberships = Membership.objects.select_related("team__district", "service_area").in_bulk(
            [membership.pk for membership in staff]
        )
        with cursor.copy("COPY load_staff FROM STDIN") as copy:
            for number, membership in enumerate(memberships[member.pk] for member in staff):
                district, area = membership.team.district, membership.service_area
                copy.write_row(
                    (number, membership.user_id, membership.team_id, district.pk, district.code)
                    + (area.legal_area_id, area.pk)
                )
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE load_cases ON COMMIT DROP AS
            SELECT g - 1 AS n, s.user_id, s.team_id, s.district_id, s.district_code, s.legal_area_id,
                   s.service_area_id, current_date - (random() * 1500)::int AS opened_on,
                   random() < 0.3 AS closed, (random() * 300)::int + 1 AS open_days
            FROM generate_series(1, %(count)s) g JOIN load_staff s ON s.n = (g - 1) %% {len(staff)};
            -- Numbers per district and year after the ones already given.
            CREATE TEMPORARY TABLE load_references ON COMMIT DROP AS
            SELECT c.n, c.district_id, extract(year FROM c.opened_on)::int AS year,
                   coalesce(q.last_number, 0)
                   + row_number() OVER (PARTITION BY c.district_id, extract(year FROM c.opened_on) ORDER BY c.n)
                   AS number
            FROM load_cases c LEFT JOIN cases_casenumbersequence q
              ON q.district_id = c.district_id AND q.year = extract(year FROM c.opened_on);
            INSERT INTO cases_case (reference, team_id, legal_area_id, service_area_id, caseworker_id, topics,
                                    phase, opened_on, will, status, closed_on, closing_reason, version,
                                    created_at, updated_at)
            SELECT c.district_code || '-' || r.year || '-' || lpad(r.number::text, 5, '0'),
                   c.team_id, c.legal_area_id, c.service_area_id, c.user_id,
                   (%(topics)s::varchar[])[1 + c.n %% %(topic_count)s : 1 + c.n %% %(topic_count)s + c.n %% 3],
                   (%(phases)s::varchar[])[1 + (c.n / 7) %% %(phase_count)s],
                   c.opened_on, 'Lastdaten',
                   CASE WHEN c.closed THEN 'closed' ELSE 'open' END,
                   CASE WHEN c.closed THEN least(current_date, c.opened_on + c.open_days) END,
                   CASE WHEN c.closed THEN 'other' ELSE '' END,
                   1, now(), now()
            FROM load_cases c JOIN load_references r ON r.n = c.n
            ORDER BY c.n;
            INSERT INTO cases_casenumbersequence (district_id, year, last_number)
            SELECT district_id, year, max(number) FROM load_references GROUP BY district_id, year
            ON CONFLICT (district_id, year) DO UPDATE SET last_number = excluded.last_number;
            -- The new cases in the order of n, for the activities and persons.
            CREATE TEMPORARY TABLE load_case_ids ON COMMIT DROP AS
            SELECT c.n, k.id AS case_id, c.user_id, c.district_id, c.opened_on
            FROM load_cases c JOIN load_references r ON r.n = c.n
            JOIN cases_case k ON k.reference = c.district_code || '-' || r.year || '-' || lpad(r.number::text, 5, '0');
            ALTER TABLE load_case_ids ADD PRIMARY KEY (n);
            INSERT INTO cases_person (case_id, role, relationship, first_name, last_name, first_name_key,
                                      last_name_key, first_name_codes, last_name_codes, birth_date, sex, street,
                                      postal_code, city, phone, identity, version)
            SELECT c.case_id, p.role, '', f.first_name, l.last_name, f.first_name_key, l.last_name_key,
                   f.first_name_codes, l.last_name_codes,
                   current_date - (CASE p.role WHEN 'main' THEN 18 * 365 ELSE 0 END
                                   + (random() * 67 * 365)::int),
                   (%(sexes)s::varchar[])[1 + (hashint4(c.n) & 3)], '', '', '', '', gen_random_uuid(), 1
            FROM load_case_ids c
            CROSS JOIN LATERAL (
                SELECT 'main' AS role, 0 AS k
                UNION ALL SELECT 'household', 1 WHERE (hashint4(c.n + 7) & 1023) < %(household)s * 1024
            ) p
            -- (names by hash: a volatile join condition would be evaluated once for all rows)
            JOIN load_names f ON f.n = (hashint4(c.n * 2 + p.k) & 2147483647) %% {NAME_POOL}
            JOIN load_names l ON l.n = (hashint4(c.n + 1000003) & 2147483647) %% {NAME_POOL};
            """,
            {
                "count": count,
                "topics": Topic.values,
                "topic_count": len(Topic.values),
                "phases": Phase.values,
                "phase_count": len(Phase.values),
                "household": household,
                "sexes": Sex.values,
            },
        )

    def make_activities(self, cursor, count: int, case_count: int) -> None:
        """Three quarters case work by the case's caseworker (a few busy cases get many), the
        rest district work of a random caseworker, over the last two years."""
        case_types = [kind for kind in ActivityType.values if kind not in NON_CASE_TYPES]
        cursor.execute("SELECT count(*) FROM load_staff")
        staff_count = cursor.fetchone()[0]
        cursor.execute(
            f"""
            INSERT INTO cases_activity (user_id, date, minutes, kind, activity_type, district_id, case_id,
                                        group_description, people_reached, note, created_at)
            SELECT coalesce(c.user_id, s.user_id), current_date - (random() * 730)::int,
                   CASE WHEN c.n IS NULL THEN (ARRAY[60, 90, 120])[1 + (random() * 2)::int]
                        ELSE (ARRAY[15, 30, 45, 60, 90])[1 + (random() * 4)::int] END,
                   CASE WHEN c.n IS NULL THEN 'non_case' ELSE 'case' END,
                   CASE WHEN c.n IS NULL THEN (%(district_types)s::varchar[])[1 + (g %% %(district_type_count)s)]
                        ELSE (%(case_types)s::varchar[])[1 + (g %% %(case_type_count)s)] END,
                   coalesce(c.district_id, s.district_id), c.case_id, '',
                   CASE WHEN c.n IS NULL THEN 1 + (random() * 79)::int END, '', now()
            FROM (
                SELECT g, random() AS draw FROM generate_series(1, %(count)s) g
            ) drawn
            LEFT JOIN load_case_ids c ON drawn.draw < 0.75 AND c.n = CASE
                WHEN drawn.draw < 0.75 * %(busy)s THEN g %% {min(staff_count, case_count)}
                ELSE hashint4(g) & 2147483647 %% {case_count} END
            LEFT JOIN load_staff s ON drawn.draw >= 0.75 AND s.n = g %% {staff_count}
            """,
            {
                "count": count,
                "busy": BUSY_CASE_SHARE,
                "case_types": case_types,
                "case_type_count": len(case_types),
                "district_types": sorted(NON_CASE_TYPES),
                "district_type_count": len(NON_CASE_TYPES),
            },
        )

    def make_follow_ups(self, cursor, count: int, case_count: int) -> None:
        """Each case's current phase since it was opened; follow-ups on the cases for their
        caseworkers, due from two months ago to four months ahead, a third of them done."""
        cursor.execute(
            "INSERT INTO cases_phaseperiod (case_id, phase, started_on) "
            "SELECT k.id, k.phase, k.opened_on FROM load_case_ids c JOIN cases_case k ON k.id = c.case_id"
        )
        if not count:
            return
        cursor.execute(
            f"""
            INSERT INTO cases_followup (case_id, owner_id, due_on, reason, source, done_on, settled_by_source,
                                        postponed_reason, created_at, updated_at, version)
            SELECT c.case_id, c.user_id, current_date + (random() * 180)::int - 60, 'Rückruf', 'manual',
                   CASE WHEN g %% 3 = 0 THEN current_date - (random() * 60)::int END, false, '', now(), now(), 1
            FROM generate_series(1, %(count)s) g
            JOIN load_case_ids c ON c.n = (hashint4(g + 17) & 2147483647) %% {case_count}
            """,
            {"count": count},
        )

    def make_audit_events(self, count: int) -> None:
        """Reads of cases by their caseworkers over two years, and a change now and then."""
        with as_owner(), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("ALTER TABLE sozialraum_auditevent DISABLE TRIGGER sozialraum_auditevent_chain")
            cursor.execute(
                """
                WITH numbered AS MATERIALIZED (
                    SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, caseworker_id FROM cases_case
                )
                INSERT INTO sozialraum_auditevent (occurred_at, user_id, username, action, object_type, object_id,
                                                   case_id, object_ids, case_ids, changed_fields, request_id, details,
                                                   previous_hash, hash)
                SELECT now() - random() * interval '730 days', k.caseworker_id, u.username,
                       CASE WHEN g %% 20 = 0 THEN 'update' ELSE 'view' END, 'cases.case', k.id, k.id, '{}', '{}',
                       CASE WHEN g %% 20 = 0 THEN ARRAY['phase']::varchar[] ELSE '{}' END,
                       gen_random_uuid(), '{}', '', ''
                FROM generate_series(1, %(count)s) g
                JOIN numbered k ON k.n = (hashint4(g) & 2147483647) %% (SELECT count(*) FROM numbered)
                JOIN auth_user u ON u.id = k.caseworker_id
                """,
                {"count": count},
            )
            cursor.execute("ALTER TABLE sozialraum_auditevent ENABLE TRIGGER sozialraum_auditevent_chain")

    def make_offers(self, rng, count) -> None:
        partners = list(Partner.objects.all())
        if not count or not partners:
            return
        batch = []
        for number in range(count):
            title = f"{rng.choice(OFFER_WORDS)} {rng.choice(OFFER_WORDS).lower()} {number}"
            description = " ".join(rng.choice(OFFER_WORDS) for _ in range(40))
            batch.append(Offer(partner=rng.choice(partners), title=title, description=description, topics=["care"]))
        Offer.objects.bulk_create(batch, batch_size=2000)
