import functools
import operator
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import CaseStatus, ClosingReason, ConsentScope, PersonRole, Phase, Relationship, Sex, Topic
from districts.models import District, LegalArea, Locality, Membership, ServiceArea, Team
from districts.validators import postal_code_validator
from sozialraum.db_backend.base import prepared_statements
from sozialraum.expressions import CompiledOnce
from sozialraum.precompiled import Param, Precompiled
from sozialraum.roles import does_case_work
from sozialraum.search_keys import name_key, phonetic_codes
from sozialraum.validators import plausible_date

# Age bands shown instead of a birth date wherever the case is pseudonymised.
AGE_BANDS = [(0, 5), (6, 13), (14, 17), (18, 26), (27, 44), (45, 64), (65, 79), (80, None)]


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def age_band(birth_date: date | None, day: date | None = None) -> str:
    if birth_date is None:
        return "–"
    age = age_on(birth_date, day or timezone.localdate())
    for low, high in AGE_BANDS:
        if high is None:
            return f"{low}+"
        if low <= age <= high:
            return f"{low}–{high}"
    return "–"


def teams_and_areas() -> models.QuerySet:
    """The user's memberships as (team, legal area of the service area, whether the user is the
    caseworker of a case in a team it is not a member of), with Param("user") (no ordering: the
    model's default one joins users and teams for nothing)."""
    member_of_the_cases_team = Membership.objects.filter(
        user_id=OuterRef(OuterRef("user_id")), team_id=OuterRef("team_id")
    )
    own_cases_elsewhere = Case.objects.filter(caseworker_id=OuterRef("user_id")).exclude(
        Exists(member_of_the_cases_team)
    )
    return (
        Membership.objects.filter(user=Param("user"))
        .annotate(own_cases_elsewhere=Exists(own_cases_elsewhere))
        .values_list("team_id", "service_area__legal_area_id", "own_cases_elsewhere")
        .order_by()
    )


TEAMS_AND_AREAS = Precompiled(teams_and_areas)  # (on every page with cases: compiled once per process)


def case_teams_of(user) -> dict[int, frozenset[int]]:
    """The user's teams, each with the legal areas the user works in there (from the service
    areas of its memberships): read once per request and kept on the user object, so building
    visible_to costs no query and its SQL holds plain values the planner can estimate."""
    return case_scope_of(user)[0]


def own_cases_elsewhere(user) -> bool:
    """Whether the user is the caseworker of a case in a team it is not (or no longer) a member
    of – rare: only then does the scope of visible_to need its `OR caseworker = user`."""
    return case_scope_of(user)[1]


def case_scope_of(user) -> tuple[dict[int, frozenset[int]], bool]:
    """case_teams_of and own_cases_elsewhere, from one query, kept on the user object."""
    kept = getattr(user, "_case_scope", None)
    if kept is None:
        areas: dict[int, set[int]] = {}
        elsewhere = False
        with prepared_statements():  # (the user's own rows: one plan for every user)
            for team_id, legal_area_id, own_cases_elsewhere in TEAMS_AND_AREAS.fetch(user=user.pk):
                areas.setdefault(team_id, set()).update([legal_area_id] if legal_area_id else [])
                elsewhere = own_cases_elsewhere
        teams = {team_id: frozenset(found) for team_id, found in areas.items()}
        # (without a team the user's own cases are all elsewhere)
        kept = (teams, elsewhere or not teams)
        setattr(user, "_case_scope", kept)  # noqa: B010  (not a field of the user model)
    return kept


def any_of(conditions: list) -> Q:
    """OR of the conditions; none is a condition no row meets."""
    return functools.reduce(operator.or_, conditions) if conditions else Q(pk__in=[])


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The only way to get cases: those of the user's teams (and its own), each annotated
        with `full_access` (may read personal data) and `may_edit` (may change the case file)
        (DESIGN §4 rule 1). Everyone else — planning, coordination,
        administration without a caseworker role — gets none."""
        if not user.is_authenticated or not does_case_work(user):
            return self.none()
        teams, elsewhere, day = case_teams_of(user), own_cases_elsewhere(user), timezone.localdate()
        if self.query.where or self.query.annotations:  # (narrowed before: build on it)
            return self._visible_to(user.pk, teams, elsewhere, day)
        return visible_cases(user.pk, teams, elsewhere, day).all()

    def _visible_to(self, user_id: int, teams: dict[int, frozenset[int]], elsewhere: bool, day: date):
        from cases.models.plan import Consent  # plan imports this module

        # Writing stays with the responsible caseworker and the team members of the case's legal
        # area; a consent lifts the pseudonym for reading only (DESIGN §4 rule 1).
        responsible = Q(caseworker_id=user_id) | any_of(
            [Q(team_id=team, legal_area_id__in=areas) for team, areas in teams.items() if areas]
        )
        active = Consent.objects.active(on=day)
        consent_for_team = Exists(active.filter(case=OuterRef("pk"), scope=ConsentScope.TEAM, team=OuterRef("team")))
        legal_area_consents = active.filter(case=OuterRef("pk"), scope=ConsentScope.LEGAL_AREA)
        consents_for_my_legal_areas = [
            Q(team_id=team) & Exists(legal_area_consents.filter(legal_area__in=areas))
            for team, areas in teams.items()
            if areas
        ]
        full = responsible | consent_for_team | any_of(consents_for_my_legal_areas)
        return self._in_scope(user_id, teams, elsewhere).annotate(
            full_access=CompiledOnce(full, output_field=BooleanField()),
            may_edit=CompiledOnce(responsible, output_field=BooleanField()),
        )

    def in_scope_of(self, user):
        """Cases of the user's teams and its own, without deciding how much of them it may read:
        the cheap first restriction of visible_to, also for narrowing searches.

        The teams as values (`team_id IN (1, 2)`): with the numbers in the SQL the planner
        estimates the rows of each team; `team_id IN (SELECT …) OR …` read the whole table
        (18 ms for every count at city scale)."""
        return self._in_scope(user.pk, case_teams_of(user), own_cases_elsewhere(user))

    def _in_scope(self, user_id: int, teams: dict[int, frozenset[int]], elsewhere: bool):
        """The cases of the teams, and the user's own ones in other teams if it has any. Without
        them, `team_id IN (…)` alone: PostgreSQL reads the case list's page from the index of a
        team's cases by date (50 rows); with `OR caseworker_id = …` it walked all cases by date
        and dropped the other teams' (2,000 rows for a page of a mid-sized team at city scale)."""
        in_teams = Q(team_id__in=list(teams))
        return self.filter(in_teams | Q(caseworker_id=user_id) if elsewhere else in_teams)


class CaseNumberSequence(models.Model):
    """Last case number per district and year; locked row by row so numbers never repeat."""

    district = models.ForeignKey(District, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["district", "year"], name="casenumbersequence_unique")]

    def __str__(self):
        return f"{self.district_id}/{self.year}: {self.last_number}"


class Case(models.Model):
    reference = models.CharField(_("reference number"), max_length=24, unique=True, editable=False)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="cases", verbose_name=_("team"))
    legal_area = models.ForeignKey(
        LegalArea, on_delete=models.PROTECT, related_name="cases", verbose_name=_("legal area")
    )
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, related_name="cases", verbose_name=_("service area")
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("responsible caseworker"),
        db_index=False,  # (case_caseworker_team leads with it)
    )
    topics = ArrayField(
        models.CharField(max_length=20, choices=Topic.choices), default=list, blank=True, verbose_name=_("topics")
    )
    will = models.TextField(
        _("will"),
        blank=True,
        help_text=_(
            "What the person wants to reach by their own effort, in their own words. A wish — that someone "
            "else should make it happen — is not a will."
        ),
    )
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, default=Phase.START)
    status = models.CharField(_("status"), max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    opened_on = models.DateField(_("opened on"), default=timezone.localdate, validators=[plausible_date])
    closed_on = models.DateField(_("closed on"), null=True, blank=True, validators=[plausible_date])
    closing_reason = models.CharField(_("closing reason"), max_length=20, choices=ClosingReason.choices, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the retention period ended; the case's figures stay for statistics."),
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=CaseStatus.OPEN, closed_on__isnull=True, closing_reason=""))
                | (Q(status=CaseStatus.CLOSED, closed_on__isnull=False) & ~Q(closing_reason="")),
                name="case_closed_with_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_not_before_opened",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "status", "opened_on"], name="case_team_status_opened"),
            # "Meine Arbeit": my open cases by reference, from the index alone.
            models.Index(fields=["caseworker", "status", "reference"], name="case_caseworker_status_ref"),
            # A caseworker's cases with their teams, from the index alone: whether any lies outside
            # the caseworker's teams is asked on every page with cases (own_cases_elsewhere).
            models.Index(fields=["caseworker", "team"], name="case_caseworker_team"),
            # The case list of a team, newest first.
            models.Index(fields=["team", "-opened_on", "-id"], name="case_team_recent"),
            models.Index(fields=["legal_area", "status"], name="case_legal_area_status"),
            models.Index(fields=["phase"], name="case_phase"),
            models.Index(fields=["opened_on"], name="case_opened_on"),
            GinIndex(fields=["topics"], name="case_topics_gin"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("cases:case_detail", args=[self.reference])

    @property
    def district(self) -> District:
        return self.team.district

    @property
    def topic_labels(self) -> list[str]:
        return [str(Topic(topic).label) for topic in self.topics]

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN


class Person(models.Model):
    """The only place with names, birth dates, addresses and phone numbers (DESIGN §2)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="persons", verbose_name=_("case"))
    role = models.CharField(_("role"), max_length=10, choices=PersonRole.choices, default=PersonRole.MAIN)
    relationship = models.CharField(
        _("relationship to the main person"), max_length=12, choices=Relationship.choices, blank=True
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    birth_date = models.DateField(_("birth date"), null=True, blank=True, validators=[plausible_date])
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    street = models.CharField(_("street and number"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True, validators=[postal_code_validator])
    city = models.CharField(_("city"), max_length=80, blank=True)
    locality = models.ForeignKey(Locality, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("locality"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Lower case, umlauts spelled out: "Müller" and "Mueller" both become "mueller".
    first_name_key = models.CharField(max_length=80, editable=False, default="")
    last_name_key = models.CharField(max_length=80, editable=False, default="")
    # Kölner Phonetik of each word of the name: "Muller" and "Möller" find "Müller" (657).
    # Persons of different cases who are the same human share an identity (merged as duplicates).
    identity = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    first_name_codes = ArrayField(models.CharField(max_length=40), default=list, editable=False)
    last_name_codes = ArrayField(models.CharField(max_length=40), default=list, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        # The main person first, then the household by name.
        ordering = [
            models.Case(models.When(role=PersonRole.MAIN, then=0), default=1, output_field=models.IntegerField()),
            "last_name",
            "first_name",
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(role=PersonRole.MAIN), name="person_one_main_person_per_case"
            ),
        ]
        indexes = [
            # Prefix search ("muel" finds "mueller") with LIKE 'muel%'.
            models.Index(fields=["last_name_key"], name="person_last_name_key", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["first_name_key"], name="person_first_name_key", opclasses=["varchar_pattern_ops"]),
            # Typos: trigram word similarity ("Hetner" finds "Hettner"), pg_trgm.
            GinIndex(fields=["last_name_key"], name="person_last_name_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["first_name_key"], name="person_first_name_trgm", opclasses=["gin_trgm_ops"]),
            GinIndex(fields=["last_name_codes"], name="person_last_name_codes"),
            GinIndex(fields=["first_name_codes"], name="person_first_name_codes"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.set_search_keys()
        super().save(*args, **kwargs)

    def set_search_keys(self) -> None:
        """The normalised names and their phonetic codes (also for bulk inserts, which skip save())."""
        self.first_name_key = name_key(self.first_name)
        self.last_name_key = name_key(self.last_name)
        self.first_name_codes = phonetic_codes(self.first_name_key)
        self.last_name_codes = phonetic_codes(self.last_name_key)

    @property
    def age_band(self) -> str:
        return age_band(self.birth_date)


def visible_cases(user_id: int, teams: dict[int, frozenset[int]], elsewhere: bool, day: date) -> CaseQuerySet:
    """Case.objects.visible_to(): built once per user, teams with their legal areas, and day in
    this process, then copied (its dozen conditions and two subqueries took 1.2 ms to build,
    twice on the start page). Everything the rule depends on is in the key, and the memberships
    are read anew on every request: a changed team or role counts at once; consents are read by
    the query itself."""
    return _built_visible_cases(user_id, tuple(sorted(teams.items())), elsewhere, day)


@functools.lru_cache(maxsize=256)  # (about 50 KB each)
def _built_visible_cases(
    user_id: int, teams: tuple[tuple[int, frozenset[int]], ...], elsewhere: bool, day: date
) -> CaseQuerySet:
    return Case.objects.all()._visible_to(user_id, dict(teams), elsewhere, day)


def visible_rows(user, build: Callable[[CaseQuerySet], models.QuerySet], **values: Any) -> list:
    """The rows of a query built on visible_to(user) – `build(visible)`, a module-level function,
    with Param()s for `values` –, compiled once per process for everything the rule depends on
    (the same key as visible_cases) instead of on every request: the start page's open cases
    and the cases of its tasks (0.5 ms each at city scale). None for a user without case work."""
    if not user.is_authenticated or not does_case_work(user):
        return []
    teams = tuple(sorted(case_teams_of(user).items()))
    return _visible_query(build, user.pk, teams, own_cases_elsewhere(user), timezone.localdate()).fetch(**values)


@functools.lru_cache(maxsize=512)  # (a user with both start page queries and its visible_to: about 80 KB)
def _visible_query(
    build: Callable, user_id: int, teams: tuple[tuple[int, frozenset[int]], ...], elsewhere: bool, day: date
) -> Precompiled:
    return Precompiled(lambda: build(_built_visible_cases(user_id, teams, elsewhere, day).all()))
