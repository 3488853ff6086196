from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from demo.staff import DEMO_PASSWORD, create_demo_data, demo_logins
from districts.constants import MembershipRole
from districts.models import District, Membership
from sozialraum.roles import Role
from tests.demo.demo_coherence import assert_demo_cases_hang_together_and_bielefeld_has_model_quarters


def test_demo_data_refuses_to_run_with_debug_off(reference_data, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("demo_data")
    assert not get_user_model().objects.filter(username="admin").exists()


def test_demo_data_gives_every_role_a_user_and_every_district_a_mixed_team(reference_data):
    create_demo_data()
    users = get_user_model().objects.all()
    for role in Role:
        assert users.filter(groups__name=role).exists(), role
    for district in District.objects.all():
        memberships = Membership.objects.filter(team__district=district).select_related("service_area__legal_area")
        assert memberships.filter(role=MembershipRole.LEAD).count() == 1
        assert len({membership.service_area.legal_area.code for membership in memberships}) >= 2
    admin = users.get(username="admin")
    assert admin.is_staff and not admin.is_superuser
    assert admin.check_password(DEMO_PASSWORD)


def test_demo_data_is_idempotent_and_hangs_together(reference_data, settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=StringIO())
    assert_demo_cases_hang_together_and_bielefeld_has_model_quarters()
    users, memberships = get_user_model().objects.count(), Membership.objects.count()
    call_command("demo_data", stdout=StringIO())
    assert (get_user_model().objects.count(), Membership.objects.count()) == (users, memberships)


def test_demo_logins_name_every_demo_user(reference_data):
    create_demo_data()
    listed = {username for username, _ in demo_logins()}
    assert listed == set(get_user_model().objects.values_list("username", flat=True))
    assert ("fk-styrum-sgb8", "Fachkraft, Kommunaler Sozialer Dienst, Styrum") in demo_logins()
