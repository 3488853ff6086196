"""DESIGN §4 rules 1 and 2 in one module: cases.pseudonym decides how a case appears."""

from pathlib import Path

from django.template import Context, Template

from cases.models import Case
from cases.pseudonym import display_case, display_cases, display_person
from tests.factories import CaseFactory


def test_full_access_shows_the_name_and_other_legal_areas_the_pseudonym(case, sgb2_worker, sgb8_worker):
    named = display_case(Case.objects.visible_to(sgb2_worker).get(pk=case.pk), sgb2_worker)
    assert str(named) == f"Erika Müller ({case.reference})"
    hidden = display_case(Case.objects.visible_to(sgb8_worker).get(pk=case.pk), sgb8_worker)
    assert "Müller" not in str(hidden) and "Erika" not in str(hidden)
    assert hidden.age_band == case.persons.get().age_band != "–"
    assert str(hidden) == f"{case.reference} · {hidden.age_band} · weiblich · Styrum"


def test_a_case_that_did_not_come_through_visible_to_is_checked_again(case, sgb8_worker):
    plain = Case.objects.get(pk=case.pk)
    assert not display_case(plain, sgb8_worker).is_named


def test_the_factory_makes_a_case_the_reader_sees_pseudonymised(sgb8_worker):
    other = CaseFactory(pseudonymised_for=sgb8_worker, first_name="Ottilie", last_name="Beispiel")
    seen = Case.objects.visible_to(sgb8_worker).get(pk=other.pk)
    assert not seen.full_access
    assert "Ottilie" not in str(display_case(seen, sgb8_worker))
    assert display_case(Case.objects.visible_to(other.caseworker).get(pk=other.pk), other.caseworker).is_named


def test_many_cases_are_named_only_where_the_caller_allows(case, django_assert_max_num_queries):
    cases = list(Case.objects.select_related("team__district"))
    with django_assert_max_num_queries(1):
        displays = display_cases(cases, named_ids=[])
    assert not displays[case.pk].is_named
    assert display_cases(cases, named_ids=[case.pk])[case.pk].name == "Erika Müller"


def test_person_display_full_or_as_age_band(case):
    person = case.persons.get()
    assert display_person(person, full=True) == "Müller, Erika"
    assert "Müller" not in display_person(person, full=False)


def test_template_filters_use_the_visibility_annotation(case, sgb2_worker, sgb8_worker):
    template = Template("{% load pseudonym %}[{{ case|case_name }}] {{ case|case_display:user }}")
    for user, expected_name in ((sgb2_worker, "Müller, Erika"), (sgb8_worker, "")):
        visible = Case.objects.visible_to(user).get(pk=case.pk)
        text = template.render(Context({"case": visible, "user": user}))
        assert text.startswith(f"[{expected_name}]")
        assert ("Erika Müller" in text) == bool(expected_name)


def test_no_template_prints_person_names_by_hand():
    """Names come through the pseudonym module; only the case file's persons table (full access
    only) writes the fields itself."""
    templates = Path(__file__).resolve().parents[2] / "templates"
    allowed = {"cases/case_detail.html"}
    offenders = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.*")
        if str(path.relative_to(templates)) not in allowed
        and any(field in path.read_text(encoding="utf-8") for field in (".first_name", ".last_name", "main_persons"))
    ]
    assert offenders == []
