"""Issue 12, finding 4: erasure is complete. A case is opened through the form with an unusual
name; every free text of every model that can refer to the case is filled with that name, a
name search is kept in a session; after the erasure no text column of any table, no session and
no stored file holds the name."""

from datetime import date

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse

from cases.constants import ActivityType, ConsentScope, ResourceKind, WorkKind
from cases.models import Activity, Case, Consent, Goal, Referral, Resource
from cases.retention import erase_expired_personal_data
from districts.models import LegalArea
from meetings import services as meeting_services
from meetings.models import ActionItem, Consultation, Correction
from networks.models import Partner
from tests.helpers import open_case_data

FIRST, LAST = "Quirinus", "Zwölfenbrück"
SAID = f"{FIRST} {LAST} sagt, Herr Zwoelfenbrueck kommt"


@pytest.fixture
def named_everywhere(client, styrum, sgb2_worker, styrum_lead, meeting, settings, tmp_path):
    client.force_login(sgb2_worker)
    response = client.post(
        reverse("cases:case_open"), open_case_data(styrum, sgb2_worker, first_name=FIRST, last_name=LAST)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get(persons__last_name=LAST)
    Case.objects.filter(pk=case.pk).update(will=SAID)
    Goal.objects.create(case=case, title=SAID, actions=SAID)
    Resource.objects.create(case=case, kind=ResourceKind.FAMILY, description=SAID)
    partner = Partner.objects.create(name="Beratung", municipality=styrum.district.municipality)
    Consent.objects.create(
        case=case,
        scope=ConsentScope.PARTNER,
        partner=partner,
        purpose=SAID,
        given_on=date(2020, 1, 1),
        recorded_by=sgb2_worker,
    )
    Referral.objects.create(case=case, partner=partner, created_by=sgb2_worker, outcome=SAID)
    common = {"user": sgb2_worker, "minutes": 30, "district": styrum.district, "date": date(2020, 2, 1)}
    Activity.objects.create(
        case=case, kind=WorkKind.CASE_SPECIFIC, activity_type=ActivityType.COUNSELLING, note=SAID, **common
    )
    group = Activity.objects.create(
        kind=WorkKind.CROSS_CASE, activity_type=ActivityType.GROUP, note=SAID, group_description=SAID, **common
    )
    group.related_cases.add(case)
    proposal = meeting_services.propose_case(sgb2_worker, case, SAID)
    item = meeting_services.put_on_agenda(meeting, proposal)
    item.title = SAID
    item.save()
    Consultation.objects.create(
        agenda_item=item,
        case=case,
        question=SAID,
        resources_seen=SAID,
        ideas=SAID,
        agreement=SAID,
        next_step=SAID,
        recorded_by=styrum_lead,
    )
    ActionItem.objects.create(meeting=meeting, agenda_item=item, what=SAID, owner=sgb2_worker, due_on=meeting.date)
    Correction.objects.create(meeting=meeting, agenda_item=item, text=SAID, author=styrum_lead)
    session = SessionStore()
    session["case_name_search"] = {"token": "abc", "term": LAST}
    session.create()
    Case.objects.filter(pk=case.pk).update(
        status="closed", opened_on=date(2014, 1, 1), closed_on=date(2015, 1, 1), closing_reason="goals_reached"
    )
    LegalArea.objects.filter(pk=case.legal_area_id).update(retention_years=3)
    return case


def text_columns() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY') ORDER BY 1, 2"
        )
        return cursor.fetchall()


def hits(word: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table, column in text_columns():
            cursor.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE %s', [f"%{word}%"])
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    for session in Session.objects.all():
        if word.lower() in str(session.get_decoded()).lower():
            found.append(f"session {session.pk}")
    return found


def test_after_erasure_no_table_session_or_file_holds_the_name(
    named_everywhere, settings, django_capture_on_commit_callbacks
):
    assert hits(LAST), "the fixture must put the name somewhere"
    with django_capture_on_commit_callbacks(execute=True):
        assert erase_expired_personal_data(today=date(2026, 1, 1)) == 1
    for word in (FIRST, LAST, "Zwoelfenbrueck"):
        assert hits(word) == [], word
    from pathlib import Path

    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            assert LAST.encode() not in path.read_bytes(), path
