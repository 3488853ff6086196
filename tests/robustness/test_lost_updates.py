"""DESIGN §4 rule 7: two people editing the same record never overwrite each other silently.
Each test opens the edit form twice, as two browsers would, saves the first and then the second:
the second is refused with a German message naming what changed, and the first change stays."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from lxml import html

from cases.models import Referral
from districts.models import Municipality
from meetings import services as meeting_services
from networks.models import Partner
from sozialraum.models import AuditEvent
from sozialraum.roles import Role
from tests.helpers import member, user_with_role

pytestmark = pytest.mark.django_db

CONFLICT = "hat diesen Datensatz gespeichert, nachdem Sie ihn geöffnet hatten, und dabei geändert:"


def browser_form(client, url: str) -> dict:
    """The form's fields as the browser would send them (the first form with a version)."""
    return browser_form_from(client.get(url).content.decode())


def edit_twice(first, second, url, first_change: dict, second_change: dict):
    seen_by_first, seen_by_second = browser_form(first, url), browser_form(second, url)
    assert first.post(url, {**seen_by_first, **first_change}).status_code == 302
    return second.post(url, {**seen_by_second, **second_change})


def test_person_edits_do_not_overwrite_each_other(client, case, sgb2_worker, sgb2_colleague):
    colleague = Client()
    client.force_login(sgb2_worker)
    colleague.force_login(sgb2_colleague)
    person = case.persons.get()
    url = reverse("cases:person_edit", args=[case.reference, person.pk])
    response = edit_twice(client, colleague, url, {"phone": "0208 999"}, {"street": "Neue Straße 1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in page and "Telefon" in page
    assert f"{sgb2_worker.get_full_name()} hat diesen Datensatz gespeichert" in page  # as colleagues know them
    assert 'value="Neue Straße 1"' in page  # the second user's input is kept
    assert "Inzwischen gespeichert: 0208 999" in page  # next to the phone field
    person.refresh_from_db()
    assert (person.phone, person.street) == ("0208 999", "Kaiserstraße 17")
    # The second user takes the saved phone number over and saves again: both changes stay.
    again = {**browser_form_from(page), "phone": "0208 999"}
    resaved = colleague.post(url, again)
    assert resaved.status_code == 302
    person.refresh_from_db()
    assert (person.phone, person.street) == ("0208 999", "Neue Straße 1")


def browser_form_from(page: str) -> dict:
    form = next(form for form in html.fromstring(page).iter("form") if form.xpath('.//input[@name="version"]'))
    return dict(form.form_values())


def test_referral_outcome_edits_do_not_overwrite_each_other(client, case, sgb2_worker, sgb2_colleague, reference_data):
    partner = Partner.objects.create(municipality=case.team.district.municipality, name="Diakonie")
    referral = Referral.objects.create(case=case, partner=partner, created_by=sgb2_worker)
    colleague = Client()
    client.force_login(sgb2_worker)
    colleague.force_login(sgb2_colleague)
    url = reverse("cases:referral_edit", args=[case.reference, referral.pk])
    response = edit_twice(client, colleague, url, {"outcome": "Termin am Montag"}, {"outcome": "Kein Platz"})
    assert CONFLICT in response.content.decode()
    referral.refresh_from_db()
    assert referral.outcome == "Termin am Montag"


def test_consultation_records_do_not_overwrite_each_other(client, meeting, proposal, styrum_lead, styrum):
    deputy = member(styrum, "vertretung", "Casemanagement", role="Sozialraumteamleitung", team_role="lead")
    item = meeting_services.put_on_agenda(meeting, proposal)
    url = reverse("meetings:consultation", args=[meeting.pk, item.pk])
    client.force_login(styrum_lead)
    client.post(url, {"question": "Wie weiter?", "agreement": "Erst einmal abwarten"})
    other = Client()
    other.force_login(deputy)
    response = edit_twice(client, other, url, {"agreement": "Beratung fortsetzen"}, {"next_step": "Anruf"})
    assert CONFLICT in response.content.decode()
    assert item.consultation.agreement == "Beratung fortsetzen"


def test_agenda_item_changes_do_not_overwrite_each_other(client, meeting, proposal, styrum_lead):
    item = meeting_services.put_on_agenda(meeting, proposal)
    url = reverse("meetings:agenda_item", args=[meeting.pk, item.pk])
    client.force_login(styrum_lead)
    seen = item.version
    assert client.post(url, {"planned_minutes": "30", "version": seen}).status_code == 302
    response = client.post(url, {"planned_minutes": "50", "version": seen}, follow=True)
    assert CONFLICT in response.content.decode()
    item.refresh_from_db()
    assert item.planned_minutes == 30


def test_directory_edits_do_not_overwrite_each_other(client, coordinator, reference_data):
    partner = Partner.objects.create(municipality=reference_data_municipality(), name="Caritas", phone="0731 1")
    other_coordinator = user_with_role(Role.NETWORK_COORDINATION, username="koordination2")
    other = Client()
    client.force_login(coordinator)
    other.force_login(other_coordinator)
    url = reverse("networks:partner_edit", args=[partner.pk])
    response = edit_twice(client, other, url, {"phone": "0731 2"}, {"email": "info@caritas.example"})
    assert CONFLICT in response.content.decode()
    partner.refresh_from_db()
    assert (partner.phone, partner.email) == ("0731 2", "")


def reference_data_municipality():
    return Municipality.objects.get(slug="ulm")


def test_a_save_without_changes_keeps_the_version_and_writes_no_event(client, case, sgb2_worker):
    """Defect 10: topics sent in another order are no change."""
    client.force_login(sgb2_worker)
    url = reverse("cases:case_edit", args=[case.reference])
    data = browser_form(client, url)
    pairs = [(name, value) for name, value in html.fromstring(client.get(url).content).forms[-1].form_values()]
    topics = [value for name, value in pairs if name == "topics"]
    assert len(topics) == 2
    reordered = [(name, value) for name, value in pairs if name != "topics"] + [("topics", t) for t in reversed(topics)]
    events = AuditEvent.objects.filter(action="update").count()
    response = client.post(url, urlencode(reordered), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.version == int(data["version"])
    assert AuditEvent.objects.filter(action="update").count() == events
