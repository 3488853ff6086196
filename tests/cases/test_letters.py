"""Letters from templates (issue 17): the administrators' templates accept only known
placeholders; a letter is filled from the case with no placeholder left, printed in the DIN 5008
layout or filed as a document of the case."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cases import services
from cases.constants import ConsentScope
from cases.letter_forms import LetterTemplateAdminForm
from cases.models import Attachment, Consent, LetterTemplate
from sozialraum.roles import Role
from tests.helpers import PERSON, pdf_text


@pytest.fixture
def consent(case, sgb2_worker, styrum):
    return services.add_to_case(
        sgb2_worker,
        Consent(
            case=case,
            scope=ConsentScope.TEAM,
            team=styrum,
            purpose="Kollegiale Fallberatung im Sozialraumteam",
            given_on=date(2026, 11, 1),
            valid_until=date(2027, 10, 31),
            recorded_by=sgb2_worker,
        ),
    )


def test_the_three_templates_are_there_and_unknown_placeholders_are_refused(reference_data):
    assert set(LetterTemplate.objects.values_list("name", flat=True)) >= {
        "Schweigepflichtentbindung",
        "Einladung zum Gespräch",
        "Hilfeplan zur Unterschrift",
    }
    form = LetterTemplateAdminForm(
        {"name": "Test", "kind": "other", "subject": "Hallo {name}", "body": "Ihr {kontostand} und {", "active": True}
    )
    assert not form.is_valid()
    assert "Prüfen Sie die geschweiften Klammern" in str(form.errors["body"])
    form = LetterTemplateAdminForm(
        {"name": "Test", "kind": "other", "subject": "Hallo {name}", "body": "Ihr {kontostand}", "active": True}
    )
    assert not form.is_valid() and "{kontostand}" in str(form.errors["body"])


def test_the_consent_form_is_filled_from_the_case_and_the_consent(client, case, sgb2_worker, consent):
    client.force_login(sgb2_worker)
    template = LetterTemplate.objects.get(name="Schweigepflichtentbindung")
    response = client.post(
        reverse("cases:letter_add", args=[case.reference]),
        {"template": template.pk, "consent": consent.pk, "action": "print"},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert f"{PERSON['first_name']} {PERSON['last_name']}" in text and "14.03.1961" in text
    assert "Sozialraumteam Styrum" in text and "Kollegiale Fallberatung im Sozialraumteam" in text
    assert "31.10.2027" in text and case.reference in text
    assert "{" not in text and "}" not in text  # no placeholder left


def test_a_letter_is_filed_as_a_document_and_missing_values_are_named(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    template = LetterTemplate.objects.get(name="Einladung zum Gespräch")
    url = reverse("cases:letter_add", args=[case.reference])
    missing = client.post(url, {"template": template.pk, "action": "print"})  # no appointment given
    assert missing.status_code == 200 and "{termin}" in missing.content.decode()
    sgb2_worker.email = "cm@example.org"
    sgb2_worker.save()
    client.post(
        url,
        {"template": template.pk, "appointment": "Dienstag, 2. Dezember, 10 Uhr", "place": "Raum 1", "action": "file"},
    )
    document = Attachment.objects.get(case=case)
    assert document.kind == "letter" and document.content_type == "application/pdf"
    assert "Dienstag, 2. Dezember, 10 Uhr" in pdf_text(document.file.open("rb").read())


def test_the_help_plan_letter_carries_the_plan_to_sign(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    template = LetterTemplate.objects.get(name="Hilfeplan zur Unterschrift")
    response = client.post(
        reverse("cases:letter_add", args=[case.reference]), {"template": template.pk, "action": "print"}
    )
    text = pdf_text(response.content)
    assert "Ihr Hilfeplan zur Unterschrift" in text and "Ich will morgens wieder einen Grund" in text
    assert "Unterschrift der Person" in text


def test_the_administration_role_keeps_the_templates(client, administrator, reference_data):
    administrator.groups.add(Group.objects.get(name=Role.ADMINISTRATION))
    client.force_login(administrator)
    assert client.get(reverse("admin:cases_lettertemplate_changelist")).status_code == 200
