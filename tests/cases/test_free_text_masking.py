"""Issue 12, findings 1 and 3: on the pseudonymised case page (a team member of another legal
area) the names, birth date and street of the case's persons are masked in every free text, and
consents show only their kind and validity — not purpose or partner."""

from datetime import date

import pytest
from django.utils import timezone

from cases.constants import ConsentScope, ResourceKind
from cases.masking import mask, names_in
from cases.models import Consent, Goal, Resource
from networks.models import Partner
from tests.helpers import PERSON

GOAL = "Herr Hettner meldet sich beim Sportverein an; Erika Müller begleitet ihn"


@pytest.fixture
def talkative_case(case, sgb2_worker):
    case.will = "Frau Müller (14.03.1961) möchte wieder arbeiten"
    case.save()
    Goal.objects.create(case=case, title=GOAL, actions="Erika ruft an, Treffpunkt Kaiserstraße 17")
    Resource.objects.create(case=case, kind=ResourceKind.FAMILY, description="Muellers Schwester hilft")
    partner = Partner.objects.create(name="Schuldnerberatung Mitte", municipality=case.team.district.municipality)
    Consent.objects.create(
        case=case,
        scope=ConsentScope.PARTNER,
        partner=partner,
        purpose="Schuldnerberatung für Erika Müller",
        given_on=timezone.localdate(),
        recorded_by=sgb2_worker,
    )
    return case


def test_the_pseudonymised_page_masks_free_text_and_consent_details(client, talkative_case, sgb8_worker):
    client.force_login(sgb8_worker)
    page = client.get(talkative_case.get_absolute_url()).content.decode()
    for secret in ["Müller", "Mueller", "Erika", "14.03.1961", "Kaiserstraße", "Schuldnerberatung"]:
        assert secret not in page, secret
    assert "Herr Hettner meldet sich beim Sportverein an; [Name] [Name] begleitet ihn" in page
    assert "Frau [Name] ([Datum]) möchte wieder arbeiten" in page
    assert "[Name] ruft an, Treffpunkt [Adresse]" in page
    assert "Einwilligung" in page or "Partner" in page  # the consent itself is still listed


def test_full_access_shows_the_text_as_written(client, talkative_case, sgb2_worker):
    client.force_login(sgb2_worker)
    page = client.get(talkative_case.get_absolute_url()).content.decode()
    assert GOAL in page and "Schuldnerberatung für Erika Müller" in page and "[Name]" not in page


class Someone:
    def __init__(self, first_name, last_name, birth_date=None, street=""):
        self.first_name, self.last_name, self.birth_date, self.street = first_name, last_name, birth_date, street


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Erika Müller", "[Name] [Name]"),
        ("ERIKA MUELLER", "[Name] [Name]"),
        ("Frau Muller kam", "Frau [Name] kam"),
        ("Müllers Wohnung", "[Name] Wohnung"),
        ("Frau M. und Herrn M.", "Frau [Name] und Herrn [Name]"),
        ("geb. 14.3.1961 bzw. 1961-03-14", "geb. [Datum] bzw. [Datum]"),
        ("am 14. März 1961", "am [Datum]"),
        ("Kaiserstr. 17 und Kaiserstrasse", "[Adresse] und [Adresse]"),
        ("Die Müllerin und der Erikastrauch", "Die Müllerin und der Erikastrauch"),  # other words stay
    ],
)
def test_mask_finds_the_ways_people_write_a_name(text, expected):
    person = Someone(PERSON["first_name"], PERSON["last_name"], date(1961, 3, 14), PERSON["street"])
    assert mask(text, [person]) == expected


def test_particles_and_double_names():
    person = Someone("Anna-Lena", "von der Heide")
    assert mask("Anna-Lena von der Heide und Lena", [person]) == "[Name]-[Name] von der [Name] und [Name]"
    assert names_in("Frau Heide ruft an", [person]) == ["Heide"]


# Free-text fields that can name a client, and templates that may print them unmasked because
# only readers with full access reach them (each with its reason).
FREE_TEXT_FIELDS = (
    "will|title|actions|description|purpose|outcome|note|question|resources_seen|ideas|agreement|next_step|what|text"
)
FULL_ACCESS_ONLY = {
    "cases/case_detail.html": "consent purpose, referral outcome and notes: inside {% if case.full_access %}",
    "cases/home/my_work.html": "the caseworker's own cases",
    "cases/activity_list.html": "the user's own work log",
    "cases/goal_form.html": "editing needs full access (may_edit)",
    "cases/help_plan_pdf.html": "printed only for full access (cases.views.help_plan_views.readable_case, tested)",
    "cases/letter_pdf.html": "written only by who may edit the case (visible_case editable=True), for the person",
}


def test_every_template_masks_free_text_about_cases():
    """A new template printing `{{ goal.title }}` unmasked fails here (the class of finding 1)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "templates"
    unmasked = []
    for folder in ("cases", "meetings"):
        for path in (root / folder).rglob("*"):
            relative = str(path.relative_to(root))
            if path.suffix not in (".html", ".txt") or relative in FULL_ACCESS_ONLY:
                continue
            for expression in re.findall(r"{{\s*([^}]*)}}", path.read_text(encoding="utf-8")):
                field = re.match(
                    rf"[\w.]*\b(?:item\.case|case|proposal|goal|resource|record|action|correction|consent|entry\.item|referral|activity)\.({FREE_TEXT_FIELDS})\b",
                    expression,
                )
                if field and "masked:" not in expression and "meeting" not in expression.split("|")[0]:
                    unmasked.append(f"{relative}: {{{{ {expression.strip()} }}}}")
    assert unmasked == []


def test_masking_reads_only_the_fields_the_task_list_loads(case, django_assert_num_queries):
    """The task list loads the persons with MASKED_FIELDS only: masking that needed another field
    would read it person by person (and a slow page would be the only sign)."""
    from cases.masking import MASKED_FIELDS
    from cases.models import Person

    persons = list(Person.objects.filter(case=case).only(*MASKED_FIELDS))
    with django_assert_num_queries(0):
        masked = mask("Frau Müller (14.03.1961), Kaiserstraße 17: Erika ruft an", persons)
    for secret in ("Müller", "14.03.1961", "Kaiserstraße", "Erika"):
        assert secret not in masked
