"""Duplicate persons (issue 10): a warning before a second record of the same human is created,
only from cases the user may read in full, and merging two records into one person."""

from django.urls import reverse

from cases.models import Case, Person
from sozialraum.models import AuditEvent
from tests.factories import CaseFactory
from tests.helpers import PERSON, open_case_data

OPEN = reverse("cases:case_open")


def test_opening_a_case_for_a_known_person_warns_first_and_keeps_the_input(client, case, styrum, sgb2_worker):
    client.force_login(sgb2_worker)
    data = open_case_data(styrum, sgb2_worker, first_name="Erica", last_name="Mueller")
    response = client.post(OPEN, data)
    assert response.status_code == 200 and Case.objects.count() == 1
    html = response.content.decode()
    assert 'id="duplicate-warning"' in html and case.reference in html
    assert 'value="Erica"' in html  # the input stays
    # Showing the other record is a read of its personal data.
    assert AuditEvent.objects.filter(object_type="cases.person", action="view", case_id=case.pk).exists()
    confirmed = client.post(OPEN, {**data, "confirm_new_person": "1"})
    assert confirmed.status_code == 302 and Case.objects.count() == 2


def test_a_different_birth_date_is_someone_else(client, case, styrum, sgb2_worker):
    client.force_login(sgb2_worker)
    response = client.post(OPEN, open_case_data(styrum, sgb2_worker, birth_date="1990-01-01"))
    assert response.status_code == 302


def test_no_warning_reveals_a_case_the_user_may_not_read_in_full(client, case, styrum, sgb8_worker):
    """The SGB VIII worker sees the SGB II case only pseudonymised: no warning may name it, or
    even exist (it would tell that Erika Müller is a client)."""
    client.force_login(sgb8_worker)
    data = open_case_data(styrum, sgb8_worker)
    response = client.post(OPEN, data)
    assert response.status_code == 302
    new_case = Case.objects.exclude(pk=case.pk).get()
    page = client.get(new_case.get_absolute_url()).content.decode()
    assert case.reference not in page and "Möglicherweise dieselbe Person" not in page


def test_adding_a_household_member_warns_too(client, case, sgb2_worker):
    other = CaseFactory(team=case.team, caseworker=sgb2_worker, first_name="Ben", last_name="Hettner")
    client.force_login(sgb2_worker)
    url = reverse("cases:person_add", args=[case.reference])
    data = {"role": "household", "first_name": "Ben", "last_name": "Hetner", "birth_date": "1980-05-17", "sex": "m"}
    response = client.post(url, data)
    assert response.status_code == 200 and other.reference in response.content.decode()
    assert client.post(url, {**data, "confirm_new_person": "1"}).status_code == 302


def test_merging_two_records_makes_one_person_and_is_audited(client, case, styrum, sgb2_worker):
    client.force_login(sgb2_worker)
    client.post(OPEN, {**open_case_data(styrum, sgb2_worker, phone="0171 555"), "confirm_new_person": "1"})
    second = Case.objects.exclude(pk=case.pk).get()
    first_person, second_person = case.persons.get(), second.persons.get()
    page = client.get(case.get_absolute_url()).content.decode()
    merge_url = reverse("cases:person_merge", args=[case.reference, first_person.pk, second_person.pk])
    assert merge_url in page and second.reference in page

    compare = client.get(merge_url).content.decode()
    assert "0208 1234567" in compare and "0171 555" in compare
    assert client.post(merge_url, {"phone": "other"}).status_code == 302

    first_person.refresh_from_db()
    second_person.refresh_from_db()
    assert first_person.identity == second_person.identity
    assert first_person.phone == second_person.phone == "0171 555"
    assert first_person.street == second_person.street == PERSON["street"]
    events = AuditEvent.objects.filter(object_type="cases.person", details__has_key="merged_with_person")
    assert {event.case_id for event in events} == {case.pk, second.pk}
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Dieselbe Person in" in page and merge_url not in page


def test_merge_needs_full_access_to_both_cases(client, case, sgb2_worker, sgb8_worker):
    hidden = CaseFactory(pseudonymised_for=sgb2_worker, first_name="Erika", last_name="Müller")
    hidden_person = hidden.persons.get()
    client.force_login(sgb2_worker)
    url = reverse("cases:person_merge", args=[case.reference, case.persons.get().pk, hidden_person.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    assert Person.objects.get(pk=hidden_person.pk).identity != case.persons.get().identity
