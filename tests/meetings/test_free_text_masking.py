"""Issue 12, findings 1 and 2: names that people type travel with the text. Wherever a case is
shown pseudonymised — the meeting page, the pack, the minutes, a consultation record, the agenda
mail — the persons' names, birth date and street in free text are masked; where the meeting
names the case (consent, no guest) names are shown and that display is audited."""

import pytest
from django.core import mail
from django.urls import reverse

from cases.constants import ConsentScope, ResourceKind
from cases.models import Goal, Resource
from meetings import services
from meetings.models import ActionItem, Attendance, Consultation
from sozialraum.models import AuditAction, AuditEvent
from tests.helpers import give_consent, pdf_text

NAMED_TEXTS = {
    "question": "Wie unterstützen wir Frau Müller (geb. 14.03.1961) beim Einstieg?",
    "goal": "Erika meldet sich beim Sportverein an",
    "resource": "Erikas Schwester wohnt auch in der Kaiserstr. 17",
    "record": "Frau M. hat eine Nachbarin, Frau Mueller kennt das Quartier",
    "action": "Frau Müller zum Bewerbungstreff begleiten",
}
SECRETS = ["Müller", "Mueller", "Erika", "14.03.1961", "Kaiserstr", "Frau M."]


@pytest.fixture
def talkative_meeting(meeting, proposal, case, styrum_lead, sgb2_worker):
    sgb2_worker.email = "cm@example.org"
    sgb2_worker.save()
    proposal.question = NAMED_TEXTS["question"]
    proposal.save()
    Goal.objects.create(case=case, title=NAMED_TEXTS["goal"])
    Resource.objects.create(case=case, kind=ResourceKind.FAMILY, description=NAMED_TEXTS["resource"])
    item = services.put_on_agenda(meeting, proposal)
    Consultation.objects.create(
        agenda_item=item,
        case=item.case,
        question=proposal.question,
        recorded_by=styrum_lead,
        resources_seen=NAMED_TEXTS["record"],
        ideas=NAMED_TEXTS["record"],
    )
    ActionItem.objects.create(
        meeting=meeting, agenda_item=item, what=NAMED_TEXTS["action"], owner=styrum_lead, due_on=meeting.date
    )
    return meeting


def everything(client, meeting):
    item = meeting.agenda_items.get()
    shown = {
        "page": client.get(meeting.get_absolute_url()).content.decode(),
        "pack": pdf_text(client.get(reverse("meetings:document", args=[meeting.pk, "mappe"])).content),
        "record": client.get(reverse("meetings:consultation", args=[meeting.pk, item.pk])).content.decode(),
        "mail preview": client.get(reverse("meetings:send_agenda", args=[meeting.pk])).content.decode(),
    }
    client.post(reverse("meetings:send_agenda", args=[meeting.pk]))
    shown["mail"] = mail.outbox[-1].body
    return shown


def test_free_text_is_masked_where_the_case_is_pseudonymised(client, talkative_meeting, styrum_lead):
    client.force_login(styrum_lead)
    shown = everything(client, talkative_meeting)
    for name, text in shown.items():
        for secret in SECRETS:
            assert secret not in text, (name, secret)
    assert "Wie unterstützen wir Frau [Name] (geb. [Datum]) beim Einstieg?" in shown["pack"].replace("\n", " ")
    assert "[Name] meldet sich beim Sportverein an" in shown["pack"].replace("\n", " ")
    assert "[Adresse]" in shown["pack"]
    assert "Frau [Name] zum Bewerbungstreff begleiten" in shown["page"]


def test_with_consent_the_meeting_shows_names_audited_but_the_mail_never(client, talkative_meeting, case, styrum_lead):
    give_consent(case, case.caseworker, scope=ConsentScope.TEAM, team=case.team)
    client.force_login(styrum_lead)
    shown = everything(client, talkative_meeting)
    assert "Frau Müller zum Bewerbungstreff begleiten" in shown["page"]
    assert "Erika meldet sich" in shown["pack"]
    for secret in SECRETS:
        assert secret not in shown["mail"], secret
    assert case.reference in shown["mail"] and "http://testserver/sitzungen/" in shown["mail"]
    named_reads = AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="cases.case", case_id=case.pk, user_id=styrum_lead.pk
    )
    assert named_reads.count() >= 2  # the page and the pack, one event each
    sent = AuditEvent.objects.get(action=AuditAction.SEND, object_type="meetings.meeting")
    assert sent.user_id == styrum_lead.pk and sent.details["recipients"] >= 1


def test_a_guest_masks_the_free_text_again(client, talkative_meeting, case, styrum_lead):
    give_consent(case, case.caseworker, scope=ConsentScope.TEAM, team=case.team)
    Attendance.objects.create(meeting=talkative_meeting, guest_name="Frau Gast", guest_partner=None)
    client.force_login(styrum_lead)
    pack = pdf_text(client.get(reverse("meetings:document", args=[talkative_meeting.pk, "mappe"])).content)
    assert "Müller" not in pack and "Erika" not in pack and "[Name]" in pack


def test_sending_the_agenda_asks_first(client, talkative_meeting, styrum_lead):
    client.force_login(styrum_lead)
    page = client.get(reverse("meetings:send_agenda", args=[talkative_meeting.pk])).content.decode()
    assert "Jetzt senden" in page and "cm@example.org" in page
    assert mail.outbox == []
