"""Case.objects.visible_to() is built once per user, teams and day in a process and copied after
(issue 15: building it took 1.2 ms, twice on the start page). The copy must never let a right
outlive its reason: a membership gained or lost, or a consent's last day passed, counts on the
next request in the same process."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.constants import CaseStatus
from cases.models import Case, Person
from cases.models.case import _built_visible_cases, own_cases_elsewhere, visible_rows
from districts.models import Membership, ServiceArea
from sozialraum.precompiled import Param
from sozialraum.roles import roles_of
from tests.factories import CaseFactory, ConsentFactory, TeamFactory


def next_request(user):
    """The user as the next request reads it: a new object, memberships read anew."""
    return get_user_model().objects.get(pk=user.pk)


def test_the_second_call_copies_the_built_query(case, sgb2_worker):
    before = _built_visible_cases.cache_info()
    first = Case.objects.visible_to(sgb2_worker)
    second = Case.objects.visible_to(next_request(sgb2_worker))
    after = _built_visible_cases.cache_info()
    assert (after.misses - before.misses, after.hits - before.hits) == (1, 1)
    assert str(first.query) == str(second.query)
    assert list(second.values_list("pk", "full_access", "may_edit")) == [(case.pk, True, True)]


def test_narrowing_a_copy_leaves_the_next_one_whole(case, sgb2_worker, styrum):
    closed = CaseFactory(
        team=styrum,
        caseworker=sgb2_worker,
        status=CaseStatus.CLOSED,
        closed_on=timezone.localdate(),
        closing_reason="goals_reached",
    )
    narrowed = Case.objects.visible_to(sgb2_worker).filter(status=CaseStatus.OPEN).order_by("reference")
    assert list(narrowed) == [case]
    assert set(Case.objects.visible_to(next_request(sgb2_worker))) == {case, closed}


def test_a_membership_gained_or_lost_counts_on_the_next_request(case, outsider):
    assert not Case.objects.visible_to(outsider).exists()
    membership = Membership.objects.create(
        user=outsider, team=case.team, service_area=ServiceArea.objects.get(name="Casemanagement")
    )
    assert Case.objects.visible_to(next_request(outsider)).get().full_access
    membership.delete()
    assert not Case.objects.visible_to(next_request(outsider)).exists()


def test_a_narrowed_queryset_is_built_on_not_replaced(case, sgb2_worker, styrum):
    other = CaseFactory(team=styrum, caseworker=sgb2_worker)
    narrowed = Case.objects.filter(pk=other.pk).visible_to(sgb2_worker)
    assert list(narrowed) == [other]
    assert TeamFactory(district=styrum.district)  # (another team changes nothing for this user)
    assert set(Case.objects.visible_to(next_request(sgb2_worker))) == {case, other}


def test_a_consent_ending_today_no_longer_counts_tomorrow(case, sgb8_worker, monkeypatch):
    today = timezone.localdate()
    ConsentFactory(case=case, for_team=True, valid_until=today)
    assert Case.objects.visible_to(sgb8_worker).get().full_access
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today + timedelta(days=1))
    assert not Case.objects.visible_to(next_request(sgb8_worker)).get().full_access


def test_the_kept_sql_of_the_rights_is_compiled_anew_inside_another_query(case, sgb8_worker, styrum):
    """full_access and may_edit keep the SQL they compiled to (CompiledOnce): in a query of cases
    its table names are the query's own. Inside another query, where the cases have other
    names, it must be compiled anew – read there, the kept SQL would name a table that is not
    there, or another query's rows."""
    own = CaseFactory(team=styrum, caseworker=sgb8_worker)
    visible = Case.objects.visible_to(sgb8_worker)
    assert dict(visible.values_list("pk", "full_access")) == {case.pk: False, own.pk: True}  # (compiled, kept)
    readable = Case.objects.visible_to(next_request(sgb8_worker)).filter(full_access=True)
    assert list(Person.objects.filter(case__in=readable).values_list("case_id", flat=True)) == [own.pk]
    editable = Case.objects.visible_to(next_request(sgb8_worker)).filter(may_edit=True)
    assert list(Case.objects.filter(pk__in=editable.values("pk"))) == [own]
    assert list(visible.filter(full_access=True)) == [own]  # (and the first query is still right)


def test_the_rights_are_compiled_once_per_built_query(case, sgb2_worker, monkeypatch):
    from django.db.models import Exists

    compiled = []
    original = Exists.as_sql
    monkeypatch.setattr(
        Exists, "as_sql", lambda self, *args, **kwargs: compiled.append(self) or original(self, *args, **kwargs)
    )
    list(Case.objects.visible_to(sgb2_worker).filter(status=CaseStatus.OPEN))
    first = len(compiled)
    list(Case.objects.visible_to(next_request(sgb2_worker)).order_by("reference"))
    assert first == 2  # the consent for the team, the consents for the legal areas
    assert len(compiled) == first


def scope_of_count(user) -> str:
    """The WHERE of visible_to's count (Django leaves the rights out of it)."""
    with CaptureQueriesContext(connection) as captured:
        Case.objects.visible_to(user).count()
    (count,) = [query["sql"] for query in captured.captured_queries if "COUNT(*)" in query["sql"]]
    return count.split("WHERE", 1)[1]


def test_own_cases_in_a_team_left_stay_visible(case, sgb2_worker, styrum):
    """visible_to's scope is `team_id IN (…)` alone while all of a caseworker's own cases lie in
    its teams (PostgreSQL reads a page of the list from the team's index); for a caseworker with
    a case in a team it left, `OR caseworker = …` keeps that case in view."""
    assert list(Case.objects.visible_to(sgb2_worker)) == [case]
    assert "caseworker_id" not in scope_of_count(next_request(sgb2_worker))
    Membership.objects.filter(user=sgb2_worker, team=styrum).delete()
    user = next_request(sgb2_worker)
    assert own_cases_elsewhere(user) and '"cases_case"."caseworker_id" = ' in scope_of_count(user)
    assert [(found, found.full_access, found.may_edit) for found in Case.objects.visible_to(user)] == [
        (case, True, True)
    ]
    assert [found.pk for found in Case.objects.in_scope_of(next_request(sgb2_worker))] == [case.pk]
    Membership.objects.create(
        user=sgb2_worker, team=styrum, service_area=ServiceArea.objects.get(name="Casemanagement")
    )
    assert not own_cases_elsewhere(next_request(sgb2_worker))


def open_cases_of_the_caseworker(visible):
    return visible.filter(caseworker_id=Param("caseworker"), status=CaseStatus.OPEN).order_by("reference")


def test_queries_on_the_visible_cases_are_compiled_once_and_follow_every_change(
    case, sgb2_worker, outsider, styrum, monkeypatch
):
    """visible_rows() keeps a query built on visible_to compiled under the same key as the built
    visible_to: a second request compiles nothing, and a membership or role lost counts on the
    next request all the same."""
    from django.db.models.sql.compiler import SQLCompiler

    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k))
    rows = visible_rows(sgb2_worker, open_cases_of_the_caseworker, caseworker=sgb2_worker.pk)
    assert [(found, found.full_access, found.may_edit) for found in rows] == [(case, True, True)]
    again = next_request(sgb2_worker)
    roles_of(again)  # (read with the user by the sign-in; here a query of its own)
    first = len(compiled)
    assert visible_rows(again, open_cases_of_the_caseworker, caseworker=sgb2_worker.pk) == rows
    assert len(compiled) == first  # (the memberships' query is precompiled too)
    assert visible_rows(outsider, open_cases_of_the_caseworker, caseworker=sgb2_worker.pk) == []
    Membership.objects.create(user=outsider, team=styrum, service_area=ServiceArea.objects.get(name="Casemanagement"))
    assert visible_rows(next_request(outsider), open_cases_of_the_caseworker, caseworker=sgb2_worker.pk) == [case]
    user = next_request(sgb2_worker)
    user.groups.clear()
    assert visible_rows(next_request(sgb2_worker), open_cases_of_the_caseworker, caseworker=sgb2_worker.pk) == []
