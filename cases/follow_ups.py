"""Follow-ups the app sets by itself, one rule per source, and the one function that keeps them
current: `refresh(source, ids)`.

A source says, for each of its records, whether it asks for a follow-up, from which date, for
whom and about what (a `Due`). `refresh` compares that with the stored follow-ups of those
records: new ones are created, those whose date moved are moved (and opened again), those no
longer asked for are closed as settled. What the user did stays: a follow-up ticked off or
postponed is left alone as long as its source's date stays the same; who owns it is decided
once, at creation (then by hand-overs and changes of the responsible caseworker).

The services that change a source call `refresh` in their transaction; the daily job
(`manage.py sync_follow_ups`) runs every source over all records, for time and for records
changed outside the services (admin, imports)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.constants import CaseStatus, GoalStatus, Phase, ReferralStatus
from cases.models import Consent, FollowUp, FollowUpSource, Goal, PhasePeriod, Referral
from networks.constants import CHECK_INTERVAL_DAYS
from networks.models import ContactPerson, NetworkMembership
from sozialraum.formats import format_date
from sozialraum.hooks import Hook

CHUNK = 2000


@dataclass(frozen=True)
class Due:
    """What one source record asks for: a follow-up on `due_on` for `owner_id`."""

    source_id: int
    due_on: date
    owner_id: int
    case_id: int | None = None
    partner_id: int | None = None
    network_id: int | None = None


@dataclass(frozen=True)
class Source:
    """One kind of automatic follow-up. `due(ids)` yields a Due for each of the records (all
    records when ids is None) that asks for a follow-up now; `url(follow_up)` leads back to the
    record; `describe` says what each is about; `complete(user, source_id)` (optional) settles
    the record itself when its follow-up is ticked off (an action item is done with it)."""

    key: FollowUpSource
    due: Callable[[Iterable[int] | None], Iterable[Due]]
    url: Callable[[FollowUp], str]
    # fn(source_ids) -> {source_id: text}: what the record is about, for the task list.
    describe: Callable[[list[int]], dict[int, str]] | None = None
    complete: Callable[..., None] | None = None


follow_up_sources: Hook[Source] = Hook("follow_up_sources")


def source(key: str) -> Source:
    return next(found for found in follow_up_sources if found.key == key)


def only(records: QuerySet, ids: Iterable[int] | None) -> QuerySet:
    return records if ids is None else records.filter(pk__in=list(ids))


def open_case() -> Q:
    return Q(case__status=CaseStatus.OPEN)


def goals_due(ids):
    goals = only(Goal.objects, ids).filter(
        open_case(), due_on__isnull=False, status__in=[GoalStatus.AGREED, GoalStatus.IN_PROGRESS]
    )
    for pk, due_on, case_id, owner_id in goals.values_list("pk", "due_on", "case_id", "case__caseworker_id"):
        yield Due(pk, due_on, owner_id, case_id=case_id)


def consents_expiring(ids):
    consents = only(Consent.objects, ids).filter(open_case(), valid_until__isnull=False, withdrawn_at__isnull=True)
    warning = timedelta(days=settings.FOLLOW_UP_CONSENT_DAYS)
    rows = consents.values_list("pk", "valid_until", "given_on", "case_id", "case__caseworker_id")
    for pk, valid_until, given_on, case_id, owner_id in rows:
        yield Due(pk, max(valid_until - warning, given_on), owner_id, case_id=case_id)


def referrals_without_outcome(ids):
    referrals = only(Referral.objects, ids).filter(
        open_case(), outcome="", status__in=[ReferralStatus.PROPOSED, ReferralStatus.ACCEPTED, ReferralStatus.STARTED]
    )
    wait = timedelta(days=settings.FOLLOW_UP_REFERRAL_DAYS)
    for pk, day, case_id, owner_id in referrals.values_list("pk", "date", "case_id", "case__caseworker_id"):
        yield Due(pk, day + wait, owner_id, case_id=case_id)


def long_detachments(ids):
    periods = only(PhasePeriod.objects, ids).filter(open_case(), phase=Phase.DETACHMENT, ended_on__isnull=True)
    wait = timedelta(days=settings.FOLLOW_UP_DETACHMENT_DAYS)
    for pk, started_on, case_id, owner_id in periods.values_list("pk", "started_on", "case_id", "case__caseworker_id"):
        yield Due(pk, started_on + wait, owner_id, case_id=case_id)


def contacts_unchecked(ids):
    """A contact of an active partner not checked for a year: for the coordinator of the first
    network (by age) the partner belongs to; a contact never checked is due at once."""
    coordinator = (
        NetworkMembership.objects.filter(partner=OuterRef("partner"), network__coordinator__isnull=False)
        .order_by("network_id")
        .values("network__coordinator")[:1]
    )
    network = (
        NetworkMembership.objects.filter(partner=OuterRef("partner"), network__coordinator__isnull=False)
        .order_by("network_id")
        .values("network")[:1]
    )
    contacts = (
        only(ContactPerson.objects, ids)
        .filter(partner__active=True)
        .annotate(coordinator=Subquery(coordinator), network=Subquery(network))
        .filter(coordinator__isnull=False)
    )
    year = timedelta(days=CHECK_INTERVAL_DAYS)
    today = timezone.localdate()
    rows = contacts.values_list("pk", "last_checked_on", "partner_id", "coordinator", "network")
    for pk, checked_on, partner_id, owner_id, network_id in rows:
        due_on = checked_on + year if checked_on else today
        yield Due(pk, due_on, owner_id, partner_id=partner_id, network_id=network_id)


def case_url(anchor: str) -> Callable[[FollowUp], str]:
    def url(follow_up: FollowUp) -> str:
        return f"{follow_up.case.get_absolute_url()}#{anchor}"

    return url


def partner_url(follow_up: FollowUp) -> str:
    return follow_up.partner.get_absolute_url()


def goal_titles(ids):
    return dict(Goal.objects.filter(pk__in=ids).values_list("pk", "title"))


def consent_targets(ids):
    consents = Consent.objects.filter(pk__in=ids).select_related("team", "legal_area", "partner")
    return {
        consent.pk: _("%(target)s, valid until %(until)s")
        % {"target": consent, "until": format_date(consent.valid_until)}
        for consent in consents
    }


def referral_targets(ids):
    referrals = Referral.objects.filter(pk__in=ids).select_related("partner", "offer")
    return {
        referral.pk: _("%(target)s, referred on %(day)s")
        % {"target": referral.target, "day": format_date(referral.date)}
        for referral in referrals
    }


def detachment_starts(ids):
    periods = PhasePeriod.objects.filter(pk__in=ids).values_list("pk", "started_on")
    return {pk: _("in the detachment phase since %(day)s") % {"day": format_date(day)} for pk, day in periods}


def contact_names(ids):
    contacts = ContactPerson.objects.filter(pk__in=ids).values_list("pk", "name", "last_checked_on")
    return {
        pk: _("%(name)s, last checked %(day)s") % {"name": name, "day": format_date(day) if day else _("never")}
        for pk, name, day in contacts
    }


CASE_SOURCES = [
    Source(FollowUpSource.GOAL, goals_due, case_url("goals-heading"), goal_titles),
    Source(FollowUpSource.CONSENT, consents_expiring, case_url("consents-heading"), consent_targets),
    Source(FollowUpSource.REFERRAL, referrals_without_outcome, case_url("referrals-heading"), referral_targets),
    Source(FollowUpSource.DETACHMENT, long_detachments, case_url("phases"), detachment_starts),
    Source(FollowUpSource.CONTACT_CHECK, contacts_unchecked, partner_url, contact_names),
]


def refresh(key: str, ids: Iterable[int] | None = None) -> None:
    """Bring the follow-ups of one source in line with its records (those with `ids`, or all)."""
    rule = source(key)
    if ids is not None:
        ids = list(ids)
        apply(key, ids, {due.source_id: due for due in rule.due(ids)})
        return
    # All records: one pass over the source, then CHUNK records at a time.
    asked = {due.source_id: due for due in rule.due(None)}
    stored = FollowUp.objects.filter(source=key).order_by().values_list("source_id", flat=True)
    everything = sorted(set(asked) | set(stored))
    for start in range(0, len(everything), CHUNK):
        chunk = everything[start : start + CHUNK]
        apply(key, chunk, {source_id: asked[source_id] for source_id in chunk if source_id in asked})


def apply(key: str, ids: list[int], asked: dict[int, Due]) -> None:
    stored = {follow_up.source_id: follow_up for follow_up in FollowUp.objects.filter(source=key, source_id__in=ids)}
    today = timezone.localdate()
    new, moved, settled, reopened = [], [], [], []
    for source_id, due in asked.items():
        follow_up = stored.get(source_id)
        if follow_up is None:
            new.append(
                FollowUp(
                    source=key,
                    source_id=source_id,
                    source_due_on=due.due_on,
                    due_on=due.due_on,
                    owner_id=due.owner_id,
                    case_id=due.case_id,
                    partner_id=due.partner_id,
                    network_id=due.network_id,
                )
            )
        elif follow_up.source_due_on != due.due_on:
            follow_up.source_due_on = follow_up.due_on = due.due_on
            follow_up.done_on, follow_up.settled_by_source, follow_up.postponed_reason = None, False, ""
            moved.append(follow_up)
        elif follow_up.settled_by_source:  # asked for again (a goal back in progress)
            reopened.append(follow_up.pk)
    for source_id, follow_up in stored.items():
        if source_id not in asked and follow_up.done_on is None:
            settled.append(follow_up.pk)
    FollowUp.objects.bulk_create(new)
    FollowUp.objects.bulk_update(moved, ["source_due_on", "due_on", "done_on", "settled_by_source", "postponed_reason"])
    if moved:
        FollowUp.objects.filter(pk__in=[follow_up.pk for follow_up in moved]).update(version=F("version") + 1)
    FollowUp.objects.filter(pk__in=reopened).update(done_on=None, settled_by_source=False, version=F("version") + 1)
    FollowUp.objects.filter(pk__in=settled).update(done_on=today, settled_by_source=True, version=F("version") + 1)


def refresh_all() -> None:
    for rule in follow_up_sources:
        refresh(rule.key)


def refresh_case_records(case_id: int) -> None:
    """The case's own records, after a change of the case that their rules read (status, caseworker)."""
    for key, model in (
        (FollowUpSource.GOAL, Goal),
        (FollowUpSource.CONSENT, Consent),
        (FollowUpSource.REFERRAL, Referral),
    ):
        refresh(key, model.objects.filter(case_id=case_id).values_list("pk", flat=True))
    refresh(FollowUpSource.DETACHMENT, PhasePeriod.objects.filter(case_id=case_id).values_list("pk", flat=True))


def settle_case(case_id: int) -> None:
    """A closed case asks for nothing more: its open follow-ups, automatic or set by hand, end."""
    FollowUp.objects.open().filter(case_id=case_id).update(
        done_on=timezone.localdate(), settled_by_source=True, version=F("version") + 1
    )


def follow_caseworker(case_id: int, previous_id: int, new_id: int) -> None:
    """The open follow-ups of a case that the previous caseworker owned go to the new one."""
    FollowUp.objects.open().filter(case_id=case_id, owner_id=previous_id).update(
        owner_id=new_id, version=F("version") + 1
    )


def refresh_contact_checks(contact_ids: Iterable[int]) -> None:
    refresh(FollowUpSource.CONTACT_CHECK, contact_ids)
