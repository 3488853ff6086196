"""Constraints in the database and validation in the admin forms."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from districts.models import District, Indicator, IndicatorValue, Membership, StaffFigure
from tests.factories import DistrictFactory, MembershipFactory


def test_no_duplicate_district_names_in_a_municipality(reference_data):
    styrum = District.objects.get(slug="styrum")
    with pytest.raises(IntegrityError, match="district_unique_name_per_municipality"), transaction.atomic():
        District.objects.create(municipality=styrum.municipality, name="Styrum", slug="styrum-2", code="ST2")
    # The same name in another municipality is fine.
    DistrictFactory(name="Styrum")


def test_no_duplicate_membership(db):
    membership = MembershipFactory()
    with pytest.raises(IntegrityError, match="membership_unique_user_per_team"), transaction.atomic():
        Membership.objects.create(user=membership.user, team=membership.team)


def test_database_refuses_negative_figures(reference_data):
    value = IndicatorValue.objects.filter(district__slug="styrum").first()
    value.value = -1
    with pytest.raises(IntegrityError, match="indicatorvalue_value_not_negative"), transaction.atomic():
        value.save()


def test_database_refuses_staff_parts_above_total(reference_data):
    staff = StaffFigure.objects.first()
    staff.female = staff.total
    staff.male = 1
    with pytest.raises(IntegrityError, match="stafffigure_parts_within_total"), transaction.atomic():
        staff.save()


def indicator_value_form(indicator, value, municipality, district):
    return {
        "indicator": indicator.pk,
        "municipality": municipality.pk,
        "district": district.pk,
        "value": value,
        "reference_year": "2024",
        "reference_date": "31.12.2024",
        "source": "Testquelle",
    }


@pytest.mark.parametrize(
    ("indicator_key", "value", "message"),
    [
        ("inhabitants", "-5", "Eine Zahl kann nicht negativ sein."),
        ("sgb2-rate", "100,5", "Ein Anteil kann nicht über 100 % liegen."),
    ],
)
def test_admin_form_rejects_bad_figures_in_german(client, administrator, reference_data, indicator_key, value, message):
    client.force_login(administrator)
    styrum = District.objects.select_related("municipality").get(slug="styrum")
    indicator = Indicator.objects.get(key=indicator_key)
    before = IndicatorValue.objects.count()

    response = client.post(
        reverse("admin:districts_indicatorvalue_add"),
        indicator_value_form(indicator, value, styrum.municipality, styrum),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Testquelle"' in html  # the user's input is kept
    assert IndicatorValue.objects.count() == before


def test_admin_form_accepts_a_good_figure(client, administrator, reference_data):
    client.force_login(administrator)
    styrum = District.objects.select_related("municipality").get(slug="styrum")
    indicator = Indicator.objects.get(key="sgb2-rate")
    response = client.post(
        reverse("admin:districts_indicatorvalue_add"),
        indicator_value_form(indicator, "27,5", styrum.municipality, styrum),
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get(district=styrum, indicator=indicator, reference_year=2024).value == 27.5


def test_admin_form_rejects_district_of_another_municipality(client, administrator, reference_data):
    client.force_login(administrator)
    styrum = District.objects.get(slug="styrum")
    ulm_district = District.objects.get(slug="wiblingen")
    form = indicator_value_form(Indicator.objects.get(key="inhabitants"), "10", ulm_district.municipality, styrum)
    response = client.post(reverse("admin:districts_indicatorvalue_add"), form)
    assert "Der Sozialraum gehört nicht zu dieser Kommune." in response.content.decode()
