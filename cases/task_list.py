""" "Meine Aufgaben": a user's open follow-ups, grouped by when they are due, with what each is
about — in a fixed number of queries however many there are (issue 16)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, DateField, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.constants import PersonRole
from cases.follow_ups import follow_up_sources
from cases.masking import MASKED_FIELDS
from cases.models import Case, CaseTransfer, FollowUp, Person, TransferStatus
from cases.models.case import visible_rows
from districts.models import Team
from sozialraum import audit
from sozialraum.db_backend.base import prepared_statements
from sozialraum.expressions import AnyOf
from sozialraum.precompiled import Param, Precompiled
from sozialraum.roles import Role, has_role

TASKS_ON_START_PAGE = 8


@dataclass
class Bucket:
    key: str
    title: str
    total: int | None = None  # all of the bucket, where only the first ones are shown
    follow_ups: list[FollowUp] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.follow_ups) if self.total is None else self.total


def buckets_for(today: date) -> list[tuple[str, object, date | None]]:
    """(key, title, last day) in order; "later" has no last day."""
    end_of_week = today + timedelta(days=6 - today.weekday())
    return [
        ("overdue", _("Overdue"), today - timedelta(days=1)),
        ("today", _("Today"), today),
        ("week", _("This week"), end_of_week),
        ("later", _("Later"), None),
    ]


def open_follow_ups(user, *, until: date | None = None, limit: int | None = None) -> list[FollowUp]:
    values = {"owner": user.pk} | ({"until": until} if until is not None else {})
    # (the user's own rows through the index of open ones by owner and date, the cases and
    # persons by their keys: one plan for every user)
    with prepared_statements():
        follow_ups = follow_up_rows(until is not None, limit).fetch(**values)
        attach_cases(user, follow_ups)
    describe(follow_ups)
    return follow_ups


def follow_up_rows(until: bool, limit: int | None) -> Precompiled:
    """The query of a user's open follow-ups (with or without a last day, at most `limit`),
    compiled once per process: the start page and "Meine Aufgaben" run it on every view."""
    shape = (until, limit)
    if shape not in FOLLOW_UP_ROWS:

        def build() -> QuerySet[FollowUp]:
            rows = FollowUp.objects.open().filter(owner=Param("owner")).select_related("partner", "network")
            if until:
                rows = rows.filter(due_on__lte=Param("until", DateField()))
            rows = rows.order_by("due_on", "id")
            return rows[:limit] if limit else rows

        FOLLOW_UP_ROWS[shape] = Precompiled(build)
    return FOLLOW_UP_ROWS[shape]


FOLLOW_UP_ROWS: dict[tuple[bool, int | None], Precompiled] = {}

# How many open follow-ups of a user are due on each day (COUNT(*), not of the key: the open
# follow-ups' index by owner and date answers it alone, an index-only scan, without a visit to
# the table for every follow-up).
FOLLOW_UPS_PER_DAY = Precompiled(
    lambda: (
        FollowUp.objects.open()
        .filter(owner=Param("owner"))
        .values_list("due_on")
        .annotate(number=Count("*"))
        .order_by()
    )
)


def case_follow_ups(case: Case) -> list[FollowUp]:
    """The open follow-ups of a case, whoever owns them (for its page, read in full)."""
    follow_ups = list(FollowUp.objects.open().filter(case=case).select_related("owner").order_by("due_on", "id"))
    for follow_up in follow_ups:
        follow_up.case = case
    describe(follow_ups)
    return follow_ups


def attach_cases(user, follow_ups: list[FollowUp]) -> None:
    """Each follow-up's case as this user may see it (full_access from visible_to); a case the
    user no longer sees at all stands as its reference number only. Names shown are audited."""
    case_ids = {follow_up.case_id for follow_up in follow_ups if follow_up.case_id}
    if not case_ids:
        return
    # (what the rows and the masking of free text read: the rest of a case and its persons is
    # not loaded)
    visible = {case.pk: case for case in visible_rows(user, cases_by_id, cases=sorted(case_ids))}
    persons_of: dict[int, list[Person]] = {case_id: [] for case_id in visible}
    if visible:
        for person in PERSONS_TO_MASK.fetch(cases=list(visible)):
            persons_of[person.case_id].append(person)
    for case in visible.values():  # (from the one query of all persons, the masking needs them all)
        case.all_persons = persons_of[case.pk]
        case.main_persons = [person for person in case.all_persons if person.role == PersonRole.MAIN]
    not_visible = case_ids - set(visible)
    hidden = (
        {case.pk: case for case in Case.objects.filter(pk__in=not_visible).only("pk", "reference")}
        if not_visible
        else {}
    )
    for case in hidden.values():
        case.full_access, case.main_persons, case.all_persons = False, [], []
    for case in [*visible.values(), *hidden.values()]:
        setattr(case, "_masking_persons", case.all_persons)  # noqa: B010  (read by cases.pseudonym)
    for follow_up in follow_ups:
        if follow_up.case_id:
            follow_up.case = visible.get(follow_up.case_id) or hidden[follow_up.case_id]
    named = [case for case in visible.values() if case.full_access and case.main_persons]
    audit.log_views(user, named, case_id_of=lambda case: case.pk)


def cases_by_id(visible: QuerySet[Case]) -> QuerySet[Case]:
    """Visible cases by an array of ids, their reference number only (for visible_rows)."""
    return visible.filter(AnyOf(F("pk"), Param("cases"))).only("reference")


# The persons of the follow-ups' cases, with what the masking of free text reads.
PERSONS_TO_MASK = Precompiled(
    lambda: Person.objects.filter(AnyOf(F("case_id"), Param("cases"))).order_by("id").only(*MASKED_FIELDS)
)


def describe(follow_ups: list[FollowUp]) -> None:
    """What each automatic follow-up is about (a goal's title, an action item's text …), one
    query per kind of source on the page; `detail` is free text of the case, masked in templates."""
    by_source: dict[str, list[FollowUp]] = {}
    for follow_up in follow_ups:
        follow_up.detail = follow_up.reason
        if follow_up.source_id is not None:
            by_source.setdefault(follow_up.source, []).append(follow_up)
    for rule in follow_up_sources:
        found = by_source.get(rule.key)
        if found and rule.describe is not None:
            details = rule.describe([follow_up.source_id for follow_up in found])
            for follow_up in found:
                follow_up.detail = details.get(follow_up.source_id, "")


def bucket_counts(user, today: date) -> dict[str, int]:
    """How many open follow-ups of the user fall into each bucket: one count per due date,
    bucketed here, once per request and kept on the user object – the top bar's badge (overdue
    and today), the start page (all) and "Meine Aufgaben" (each bucket) read the same query.
    (Four filtered counts in SQL cost more to build than the query took.)"""
    kept = getattr(user, "_follow_up_counts", None)
    if kept is not None and kept[0] == today:
        return kept[1]
    limits = buckets_for(today)
    counts = dict.fromkeys((key for key, _title, _last in limits), 0)
    with prepared_statements():  # (the user's own rows, by index: one plan for every user)
        per_day = FOLLOW_UPS_PER_DAY.fetch(owner=user.pk)
    for due_on, number in per_day:
        key = next(key for key, _title, last in limits if last is None or due_on <= last)
        counts[key] += number
    setattr(user, "_follow_up_counts", (today, counts))  # noqa: B010  (not a field of the user model)
    return counts


def grouped(follow_ups: list[FollowUp], today: date, counts: dict[str, int] | None = None) -> list[Bucket]:
    buckets = [Bucket(key, str(title), total=(counts or {}).get(key)) for key, title, _last in buckets_for(today)]
    for follow_up in follow_ups:
        for bucket, (_key, _title, last) in zip(buckets, buckets_for(today), strict=True):
            if last is None or follow_up.due_on <= last:
                bucket.follow_ups.append(follow_up)
                break
    return buckets


def open_count(user) -> int:
    """The top bar's badge: open follow-ups due today or earlier."""
    counts = bucket_counts(user, timezone.localdate())
    return counts["overdue"] + counts["today"]


def overdue_by_member(team) -> list[tuple[object, int]]:
    """For a team lead: how many overdue follow-ups each member has — a number, not the list."""
    today = timezone.localdate()
    members = team.members.annotate(
        overdue=Count("follow_ups", filter=Q(follow_ups__done_on__isnull=True, follow_ups__due_on__lt=today))
    ).order_by("last_name", "first_name")
    return [(member, member.overdue) for member in members]


def my_tasks_context(request) -> dict:
    """The start page's part of "Meine Aufgaben": what is due this week or earlier; for team
    leads, the number of overdue follow-ups per member of the teams they lead."""
    user = request.user
    today = timezone.localdate()
    _key, _title, end_of_week = buckets_for(today)[2]
    shown = open_follow_ups(user, until=end_of_week, limit=TASKS_ON_START_PAGE)
    leads = has_role(user, Role.TEAM_LEAD)  # (from the roles read once per request: no query for others)
    return {
        "tasks_this_week": shown,
        "task_total": sum(bucket_counts(user, today).values()),
        "team_overdue": [(team, overdue_by_member(team)) for team in Team.objects.led_by(user)] if leads else [],
        "transfers_waiting": CaseTransfer.objects.filter(
            status=TransferStatus.PENDING, to_team__in=Team.objects.led_by(user)
        ).count()
        if leads
        else 0,
    }
