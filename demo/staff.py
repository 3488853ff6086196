"""Demonstration users and teams, so that every role has someone to log in as.

Idempotent: running it again changes nothing that exists (passwords included)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from districts.constants import MembershipRole
from districts.models import District, Membership, Municipality, ServiceArea, Team
from sozialraum.roles import Role

DEMO_PASSWORD = "sozialraum-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    roles: tuple[Role, ...]
    is_staff: bool = False


@dataclass(frozen=True)
class DemoMember:
    username: str
    service_area: str
    role: MembershipRole


CENTRAL_USERS = [
    DemoUser("admin", "Andrea", "Admin", (Role.ADMINISTRATION,), is_staff=True),
    # A second administrator: grants of case roles need two (four-eyes).
    DemoUser("admin2", "Bernd", "Betrieb", (Role.ADMINISTRATION,), is_staff=True),
    DemoUser("datenschutz", "Dana", "Schutz", (Role.DATA_PROTECTION,)),
    DemoUser("planung", "Paul", "Planer", (Role.PLANNING,)),
    DemoUser("netzwerk", "Nadine", "Netz", (Role.NETWORK_COORDINATION,)),
]

# Team line-ups: (username suffix, service area, role in the team). The legal areas differ on purpose.
MUELHEIM_LINEUP = [
    ("leitung", "Casemanagement", MembershipRole.LEAD),
    ("sgb2", "Leistungsgewährung", MembershipRole.DEPUTY),
    ("sgb8", "Kommunaler Sozialer Dienst", MembershipRole.MEMBER),
    ("sgb12", "Sozialer Dienst für Ältere", MembershipRole.MEMBER),
]
ULM_LINEUP = [
    ("leitung", "Kommunaler Sozialer Dienst", MembershipRole.LEAD),
    ("sgb8", "Wirtschaftliche Jugendhilfe", MembershipRole.DEPUTY),
    ("sgb12", "Sozialer Dienst für Ältere", MembershipRole.MEMBER),
    ("sgb9", "Eingliederungshilfe + Fallmanagement Eingliederungshilfe", MembershipRole.MEMBER),
]

# Bielefeld's Stadtteile-Teams work on old age, care, disability and housing (SGB IX, XI, XII).
BIELEFELD_LINEUP = [
    ("leitung", "Sozialer Dienst für Ältere", MembershipRole.LEAD),
    ("sgb12", "Hilfe zur Pflege + Fallmanagement", MembershipRole.DEPUTY),
    ("sgb9", "Eingliederungshilfe + Fallmanagement Eingliederungshilfe", MembershipRole.MEMBER),
    ("wohnen", "Schuldnerberatung/Wohnraumsicherung", MembershipRole.MEMBER),
]
LINEUPS = {"muelheim-an-der-ruhr": MUELHEIM_LINEUP, "bielefeld": BIELEFELD_LINEUP}

# The Bielefeld paper (2017) plans Stadtteile-Teams "vorerst modellhaft in ausgewählten Quartieren"
# and names none: these two model quarters are the demo's invention, named after Stadtbezirke.
BIELEFELD_DEMO_DISTRICTS = [
    ("Sennestadt", "sennestadt", "SEN"),
    ("Heepen", "heepen", "HEE"),
]
FICTITIOUS_NOTE = (
    "Fiktiver Demo-Sozialraum: Die Mitteilung an den Sozialausschuss (2017) plant Stadtteile-Teams "
    "„vorerst modellhaft in ausgewählten Quartieren“, nennt aber keine. Name nach dem Stadtbezirk, "
    "ohne Kennzahlen."
)

# Staff names are not social data; a fixed list keeps the demo the same on every machine.
NAMES = [
    ("Sabine", "Schulz"),
    ("Mehmet", "Yilmaz"),
    ("Julia", "Wagner"),
    ("Thomas", "Becker"),
    ("Anna", "Hoffmann"),
    ("Lukas", "Schäfer"),
    ("Fatma", "Demir"),
    ("Peter", "Koch"),
    ("Katrin", "Richter"),
    ("Jonas", "Klein"),
    ("Elena", "Wolf"),
    ("Markus", "Neumann"),
    ("Laura", "Schwarz"),
    ("Stefan", "Zimmermann"),
    ("Miriam", "Braun"),
    ("Daniel", "Krüger"),
    ("Ayşe", "Kaya"),
    ("Michael", "Hartmann"),
    ("Sarah", "Lange"),
    ("Tobias", "Werner"),
    ("Nina", "Krause"),
    ("Florian", "Lehmann"),
    ("Olga", "Schmitt"),
    ("Martin", "Meier"),
    ("Hannah", "Vogel"),
    ("Emre", "Aydın"),
    ("Birgit", "Sommer"),
    ("Jan", "Friedrich"),
    ("Svetlana", "Petrow"),
    ("Oliver", "Brandt"),
    ("Greta", "Peters"),
    ("Yusuf", "Çelik"),
]


def team_lineup(district: District) -> list[DemoMember]:
    lineup = LINEUPS.get(district.municipality.slug, ULM_LINEUP)
    return [
        DemoMember(
            f"leitung-{district.slug}" if suffix == "leitung" else f"fk-{district.slug}-{suffix}", service_area, role
        )
        for suffix, service_area, role in lineup
    ]


def demo_logins() -> list[tuple[str, str]]:
    """(username, description) of every demo user, for the console and the README."""
    logins = [(user.username, ", ".join(str(role.label) for role in user.roles)) for user in CENTRAL_USERS]
    for district in District.objects.select_related("municipality").order_by("municipality__name", "name"):
        for member in team_lineup(district):
            role = Role.TEAM_LEAD if member.role == MembershipRole.LEAD else Role.CASEWORKER
            logins.append((member.username, f"{role.label}, {member.service_area}, {district.name}"))
    return logins


@transaction.atomic
def create_demo_data() -> int:
    """Create the demo users and teams; returns how many users were new."""
    groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
    password_hash = make_password(DEMO_PASSWORD)  # hashed once: the same password for everyone
    service_areas = {area.name: area for area in ServiceArea.objects.all()}
    names = iter(NAMES * 4)
    created_users = 0

    def ensure_user(username, first_name, last_name, roles, is_staff=False):
        nonlocal created_users
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "password": password_hash,
                "is_staff": is_staff,
                "email": f"{username}@sozialraum.example",
            },
        )
        created_users += created
        user.groups.add(*(groups[role] for role in roles))
        return user

    for demo in CENTRAL_USERS:
        ensure_user(demo.username, demo.first_name, demo.last_name, demo.roles, demo.is_staff)

    bielefeld = Municipality.objects.filter(slug="bielefeld").first()
    if bielefeld is not None:
        for name, slug, code in BIELEFELD_DEMO_DISTRICTS:
            District.objects.get_or_create(
                municipality=bielefeld, slug=slug, defaults={"name": name, "code": code, "description": FICTITIOUS_NOTE}
            )

    for district in District.objects.select_related("municipality").order_by("municipality__name", "name"):
        team, _ = Team.objects.get_or_create(district=district, name=f"Sozialraumteam {district.name}")
        for member in team_lineup(district):
            first_name, last_name = next(names)
            roles = (Role.TEAM_LEAD,) if member.role == MembershipRole.LEAD else (Role.CASEWORKER,)
            user = ensure_user(member.username, first_name, last_name, roles)
            Membership.objects.get_or_create(
                user=user,
                team=team,
                defaults={"role": member.role, "service_area": service_areas[member.service_area]},
            )
    return created_users
