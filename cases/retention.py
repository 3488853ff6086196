"""Retention (DESIGN §4 rule 5): a closed case's personal data are erased once the retention
period of its legal area has passed; the case itself stays, anonymous, for the statistics.

Every text that can hold a case's names is emptied here, in one place:
- cases: persons (deleted), the will, goals (title, actions), resources, consent purposes,
  referral outcomes, notes of the case's activities and of work for several cases (note, group
  description), reasons of follow-ups, filed documents (records and files), earlier help plan versions;
- meetings (registered erasure step, meetings.case_hooks): consultation records, proposals,
  the titles of its agenda items and the action items and corrections tied to them;
- sessions: kept name searches, and expired sessions (sozialraum.session_terms).
tests/meetings/test_erasure_scan.py fills all of these with one name and scans every text column."""

from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from cases.attachments import erase_documents
from cases.constants import CaseStatus
from cases.hooks import erasure_steps
from cases.models import Activity, Case, Consent, FollowUp, Goal, HelpPlanVersion, Person, Referral, Resource
from districts.models import LegalArea
from sozialraum.models import AuditAction, AuditEvent, Submission
from sozialraum.session_terms import forget_terms_in_all_sessions

ERASED = "(gelöscht)"


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def expired_cases(today: date) -> QuerySet[Case]:
    """Closed cases whose legal area's retention period has ended and that still hold personal data."""
    expired = Case.objects.none()
    for area in LegalArea.objects.all():
        expired = expired | Case.objects.filter(
            legal_area=area,
            status=CaseStatus.CLOSED,
            closed_on__lt=years_before(today, area.retention_years),
            personal_data_erased_at__isnull=True,
        )
    return expired


@transaction.atomic
def erase_expired_personal_data(today: date | None = None) -> int:
    """Erase and return how many cases were erased. Running it again erases nothing more."""
    ids = list(expired_cases(today or timezone.localdate()).values_list("pk", flat=True))
    if not ids:
        return 0
    Person.objects.filter(case__in=ids).delete()
    Case.objects.filter(pk__in=ids).update(will="", personal_data_erased_at=timezone.now())
    Goal.objects.filter(case__in=ids).update(title=ERASED, actions="")
    Resource.objects.filter(case__in=ids).update(description=ERASED)
    Referral.objects.filter(case__in=ids).update(outcome="")
    Consent.objects.filter(case__in=ids).update(purpose=ERASED)
    Activity.objects.filter(case__in=ids).update(note="")
    FollowUp.objects.filter(case__in=ids).update(reason="", postponed_reason="")
    erase_documents(ids)  # the filed documents and their files
    HelpPlanVersion.objects.filter(case__in=ids).delete()  # earlier wills and goals
    # Work for several cases at once (a group, a household visit) may name the erased persons too.
    Activity.objects.filter(related_cases__in=ids).update(note="", group_description="")
    # What higher apps keep about these cases (meeting records, proposals): their registered steps.
    for erase in erasure_steps:
        erase(ids)
    # A name search kept in someone's session (cases.name_search) may be one of the names;
    # a kept form answer (sozialraum.submissions) may show them.
    transaction.on_commit(forget_terms_in_all_sessions)
    Submission.objects.all().delete()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                action=AuditAction.DELETE,
                object_type="cases.case",
                object_id=pk,
                case_id=pk,
                username="Aufbewahrungsfrist",
                changed_fields=["persons", "will", "goals", "resources"],
                details={"reason": "retention"},
            )
            for pk in ids
        ]
    )
    return len(ids)
