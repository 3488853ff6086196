"""Factories of the cases app. Cases are opened through the service (reference number, main
person, audit), as the app does.

    CaseFactory(team=styrum, caseworker=worker)     a case of the worker's legal area
    CaseFactory(pseudonymised_for=reader)           a case in the reader's team, of another
                                                    legal area: the reader sees it pseudonymised
    ConsentFactory(case=case, for_team=True)        consent for the case's team
    ConsentFactory(case=case, expired=True)         ... that expired yesterday
    ConsentFactory(case=case, withdrawn=True)       ... that was withdrawn
"""

from datetime import date, timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from cases import services
from cases.constants import ConsentScope, GoalStatus, PersonRole, Sex
from cases.models import Case, Consent, Goal, Person
from districts.models import Membership, ServiceArea
from sozialraum.roles import Role
from tests.factories.districts import MembershipFactory, TeamFactory, UserFactory


def team_of(reader):
    membership = Membership.objects.filter(user=reader).select_related("team").first()
    if membership is None:
        raise ValueError("pseudonymised_for needs a reader who is a member of a team")
    return membership.team


def other_legal_area_member(reader, team):
    """A new caseworker in the team, in a legal area the reader does not work in."""
    reader_areas = Membership.objects.filter(user=reader, team=team).values("service_area__legal_area")
    other_area = ServiceArea.objects.exclude(legal_area__in=reader_areas).order_by("pk").first()
    if other_area is None:
        raise ValueError("pseudonymised_for needs service areas of two legal areas (reference data)")
    return MembershipFactory(team=team, service_area=other_area).user


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    class Params:
        pseudonymised_for = None

    team = factory.LazyAttribute(
        lambda case: team_of(case.pseudonymised_for) if case.pseudonymised_for else TeamFactory()
    )
    caseworker = factory.LazyAttribute(
        lambda case: (
            other_legal_area_member(case.pseudonymised_for, case.team) if case.pseudonymised_for else UserFactory()
        )
    )
    topics = factory.LazyFunction(lambda: ["work"])
    will = "Ich will wieder selbst für mich sorgen."
    opened_on = factory.LazyFunction(timezone.localdate)
    # The main person, opened with the case.
    first_name = factory.Sequence(lambda n: f"Klientin{n}")
    last_name = factory.Sequence(lambda n: f"Testfall{n}")
    birth_date = date(1980, 5, 17)

    @classmethod
    def _create(cls, model_class, *args, first_name, last_name, birth_date, **kwargs):
        case = model_class(**kwargs)
        membership = (
            Membership.objects.filter(user=case.caseworker, team=case.team).select_related("service_area").first()
        )
        if membership is None:
            membership = MembershipFactory(user=case.caseworker, team=case.team)
        case.caseworker.groups.add(Group.objects.get(name=Role.CASEWORKER))
        if case.service_area_id is None:
            case.service_area = membership.service_area
        if case.legal_area_id is None:
            case.legal_area = case.service_area.legal_area
        person = Person(
            role=PersonRole.MAIN, first_name=first_name, last_name=last_name, birth_date=birth_date, sex=Sex.FEMALE
        )
        return services.open_case(case.caseworker, case, person)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    class Params:
        for_team = factory.Trait(scope=ConsentScope.TEAM, team=factory.SelfAttribute("case.team"))
        expired = factory.Trait(
            given_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60)),
            valid_until=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1)),
        )
        withdrawn = factory.Trait(withdrawn_at=factory.LazyFunction(timezone.now))

    case = factory.SubFactory(CaseFactory)
    scope = ConsentScope.TEAM
    team = factory.SelfAttribute("case.team")
    purpose = "Kollegiale Fallberatung"
    given_on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.SelfAttribute("case.caseworker")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    case = factory.SubFactory(CaseFactory)
    title = factory.Sequence(lambda n: f"Ziel {n}")
    status = GoalStatus.AGREED
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
