"""Referrals hand personal data to partners only with an active consent (issue 4, point 5)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.constants import ConsentScope
from cases.models import Activity, Consent, Referral, Resource
from networks.models import Offer, Partner
from sozialraum.models import AuditEvent
from tests.helpers import give_consent


@pytest.fixture
def diakonie(styrum):
    return Partner.objects.create(
        municipality=styrum.district.municipality, name="Diakonie Styrum", kind="free_welfare"
    )


@pytest.fixture
def debt_advice(diakonie, styrum):
    offer = Offer.objects.create(partner=diakonie, title="Schuldnerberatung Styrum", topics=["finances"])
    offer.districts.add(styrum.district)
    return offer


def refer(client, case, offer, **extra):
    data = {"offer": offer.pk, "date": timezone.localdate().isoformat(), "hands_over_personal_data": "on", **extra}
    return client.post(reverse("cases:referral_add", args=[case.reference]), data)


def test_referral_without_consent_is_refused_with_the_missing_consent_named(client, case, sgb2_worker, debt_advice):
    client.force_login(sgb2_worker)
    response = refer(client, case, debt_advice)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Es fehlt eine aktive Einwilligung (Schweigepflichtentbindung), die „Diakonie Styrum“" in html
    assert "Freier Träger der Wohlfahrtspflege" in html
    assert not Referral.objects.exists()


def test_consent_withdrawn_a_minute_ago_does_not_allow_the_referral(client, case, sgb2_worker, diakonie, debt_advice):
    consent = give_consent(case, sgb2_worker, scope=ConsentScope.PARTNER, partner=diakonie)
    Consent.objects.filter(pk=consent.pk).update(withdrawn_at=timezone.now() - timedelta(minutes=1))
    client.force_login(sgb2_worker)
    html = refer(client, case, debt_advice).content.decode()
    assert "Es fehlt eine aktive Einwilligung" in html
    assert f"Die am {timezone.localdate():%d.%m.%Y} erteilte Einwilligung wurde am" in html
    assert not Referral.objects.exists()


@pytest.mark.parametrize("target", [{"scope": "partner"}, {"scope": "partner_kind", "partner_kind": "free_welfare"}])
def test_consent_naming_the_partner_or_its_kind_allows_the_referral(
    client, case, sgb2_worker, diakonie, debt_advice, target
):
    if target["scope"] == "partner":
        target = {**target, "partner": diakonie}
    give_consent(case, sgb2_worker, **target)
    client.force_login(sgb2_worker)
    assert refer(client, case, debt_advice).status_code == 302
    referral = Referral.objects.get()
    assert (referral.partner, referral.offer, referral.status) == (diakonie, debt_advice, "proposed")


def test_consent_for_another_kind_does_not_count(client, case, sgb2_worker, debt_advice):
    give_consent(case, sgb2_worker, scope="partner_kind", partner_kind="school")
    client.force_login(sgb2_worker)
    assert refer(client, case, debt_advice).status_code == 200
    assert not Referral.objects.exists()


def test_referral_without_personal_data_needs_no_consent(client, case, sgb2_worker, debt_advice):
    client.force_login(sgb2_worker)
    data = {"offer": debt_advice.pk, "date": timezone.localdate().isoformat()}
    assert client.post(reverse("cases:referral_add", args=[case.reference]), data).status_code == 302


def test_pseudonymised_reader_cannot_refer(client, case, sgb8_worker, debt_advice):
    client.force_login(sgb8_worker)
    assert refer(client, case, debt_advice).status_code == 404


def test_case_page_offers_matching_offers_and_adds_one_as_resource(client, case, sgb2_worker, debt_advice):
    client.force_login(sgb2_worker)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "Passende Angebote" in html and "Schuldnerberatung Styrum" in html
    client.post(reverse("cases:offer_as_resource", args=[case.reference, debt_advice.pk]))
    assert Resource.objects.get(case=case).description == "Schuldnerberatung Styrum (Diakonie Styrum)"


def test_status_moves_forward_only(client, case, sgb2_worker, diakonie):
    referral = Referral.objects.create(case=case, partner=diakonie, created_by=sgb2_worker)
    url = reverse("cases:referral_edit", args=[case.reference, referral.pk])
    client.force_login(sgb2_worker)
    response = client.post(url, {"status": "completed"})
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()
    assert (
        client.post(url, {"status": "accepted", "outcome": "Termin am Montag", "version": referral.version}).status_code
        == 302
    )
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("accepted", "Termin am Montag")


def test_district_work_names_partners_and_network(client, styrum, sgb8_worker, diakonie):
    client.force_login(sgb8_worker)
    response = client.post(
        reverse("cases:activity_add"),
        {
            "date": timezone.localdate().isoformat(),
            "minutes": "120",
            "kind": "non_case",
            "activity_type": "network_meeting",
            "district": styrum.district_id,
            "partners": [diakonie.pk],
            "people_reached": "14",
        },
    )
    assert response.status_code == 302
    assert list(Activity.objects.get().partners.all()) == [diakonie]


def test_links_carry_ids_without_thousands_separators(client, case, sgb2_worker, diakonie, styrum):
    # With USE_THOUSAND_SEPARATOR a plain {{ offer.pk }} would print 12.345 into the address.
    offer = Offer.objects.create(pk=12345, partner=diakonie, title="Mieterberatung", topics=["finances"])
    offer.districts.add(styrum.district)
    client.force_login(sgb2_worker)
    html = client.get(case.get_absolute_url()).content.decode()
    assert "?offer=12345" in html
    response = client.get(reverse("cases:referral_add", args=[case.reference]), {"offer": "12345"})
    assert '<option value="12345" selected>' in response.content.decode()


def test_the_service_refuses_a_backward_status_whatever_the_form_offers(case, sgb2_worker, diakonie):
    """The rule lives in cases.services, not only in the form's choices (DESIGN §4 rule 7)."""
    referral = Referral.objects.create(case=case, partner=diakonie, date=timezone.localdate(), created_by=sgb2_worker)
    referral = services.update_referral(sgb2_worker, referral, "accepted", "", referral.version)
    with pytest.raises(services.InvalidTransition):
        services.update_referral(sgb2_worker, referral, "proposed", "", referral.version)
    referral = services.update_referral(sgb2_worker, referral, "declined", "Kein Platz frei", referral.version)
    with pytest.raises(services.InvalidTransition):
        services.update_referral(sgb2_worker, referral, "started", "", referral.version)
    referral.refresh_from_db()
    assert referral.status == "declined"
    event = AuditEvent.objects.filter(object_type="cases.referral", object_id=referral.pk).latest("id")
    assert event.changed_fields == ["outcome", "status"]


def test_an_offer_page_refers_one_of_my_cases(client, case, sgb2_worker, sgb8_worker, planner, debt_advice):
    client.force_login(sgb2_worker)
    page = client.get(debt_advice.get_absolute_url()).content.decode()
    assert f'<option value="{case.reference}">' in page
    refer = reverse("cases:referral_for_offer", args=[debt_advice.pk])
    response = client.get(refer, {"case": case.reference})
    assert response["Location"] == f"{reverse('cases:referral_add', args=[case.reference])}?offer={debt_advice.pk}"
    form = client.get(response["Location"]).content.decode()
    assert f'<option value="{debt_advice.pk}" selected>' in form
    client.force_login(sgb8_worker)  # reads the case pseudonymised: neither offered nor allowed
    assert case.reference not in client.get(debt_advice.get_absolute_url()).content.decode()
    assert client.get(refer, {"case": case.reference}).status_code == 404
    client.force_login(planner)
    assert "refer-heading" not in client.get(debt_advice.get_absolute_url()).content.decode()
    assert client.get(refer, {"case": case.reference}).status_code == 404
