"""Issue 21: demo cases that hang together (age fits the legal area, goals fit the will, referrals
have their consent) and Bielefeld's model quarters, marked as the demo's invention."""

from datetime import date

from django.db.models import Q
from django.utils import timezone

from cases.constants import PersonRole, Relationship
from cases.models import Case, Consent, Person, Referral
from demo.scenarios import SCENARIOS, scenarios_for
from districts.models import District, Team


def age(birth_date: date, today: date) -> int:
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def assert_demo_cases_hang_together_and_bielefeld_has_model_quarters():
    """Called by tests/demo/test_demo_data.py after it built the demo once (a build takes seconds)."""
    today = timezone.localdate()
    cases = list(Case.objects.select_related("legal_area").prefetch_related("persons", "goals", "resources"))
    assert len(cases) > 200
    seen_areas = set()
    for case in cases:
        scenarios = [s for s in scenarios_for(case.legal_area.code) if s.will == case.will]
        assert len(scenarios) == 1, (case.reference, case.will)
        scenario = scenarios[0]
        seen_areas.add(case.legal_area.code)
        main = next(person for person in case.persons.all() if person.role == PersonRole.MAIN)
        assert scenario.min_age <= age(main.birth_date, today) <= scenario.max_age, case.reference
        assert sorted(case.topics) == sorted(scenario.topics)
        assert {goal.title for goal in case.goals.all()} <= {title for title, _ in scenario.goals}
        assert {r.description for r in case.resources.all()} <= {text for _, text in scenario.resources}
        for member in case.persons.all():
            if member.relationship == Relationship.CHILD:
                assert age(member.birth_date, today) <= age(main.birth_date, today) - 17
    assert seen_areas >= set(SCENARIOS)
    # No one of pension age in a child and youth welfare case, no child in an old-age case.
    assert not Person.objects.filter(
        role=PersonRole.MAIN, case__legal_area__code="SGB VIII", birth_date__lt=date(1970, 1, 1)
    ).exists()
    assert not Person.objects.filter(
        role=PersonRole.MAIN, case__legal_area__code="SGB XII", birth_date__gt=date(1965, 1, 1)
    ).exists()

    # Every referral that hands data over has the consent it needs, for an offer on the case's topics.
    referrals = Referral.objects.filter(hands_over_personal_data=True).select_related("partner", "offer")
    assert referrals.count() >= 20
    for referral in referrals:
        consents = Consent.objects.filter(case=referral.case_id).covering_partner(referral.partner)
        assert consents.filter(given_on__lte=referral.date).exists(), referral
        assert set(referral.offer.topics) & set(referral.case.topics)

    # Bielefeld's model quarters: the demo's invention, and said so.
    bielefeld = District.objects.filter(municipality__slug="bielefeld")
    assert set(bielefeld.values_list("name", flat=True)) == {"Sennestadt", "Heepen"}
    assert all(district.description.startswith("Fiktiver Demo-Sozialraum") for district in bielefeld)
    assert not District.objects.filter(~Q(municipality__slug="bielefeld"), description__icontains="fiktiv").exists()
    for team in Team.objects.filter(district__in=bielefeld):
        codes = set(team.memberships.values_list("service_area__legal_area__code", flat=True))
        assert codes == {"SGB XII", "SGB IX", "other"}
    assert Case.objects.filter(team__district__in=bielefeld).exists()
