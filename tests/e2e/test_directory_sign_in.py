"""Issue 20: a caseworker signs in with the town's directory in a real browser – our sign-in
page, the identity provider's page on loopback, back to her own start page – and signing out
ends the session at the provider too."""

import copy
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from sozialraum.models import DirectoryAccount, DirectoryRoleMapping
from sozialraum.roles import Role
from tests.helpers import log_out
from tests.identity_provider import configure, put_person, running_provider

pytestmark = pytest.mark.browser


@pytest.fixture
def provider(settings):
    with running_provider() as issuer:
        configure(settings, issuer)
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"].append(issuer)  # as settings.py does for the logout endpoint
        settings.CONTENT_SECURITY_POLICY = policy
        yield issuer


def test_a_caseworker_signs_in_with_her_service_account_and_out_again(page: Page, demo_site, provider):
    DirectoryRoleMapping.objects.create(group="sozialraum-fachkraft", role=Role.CASEWORKER, approved_at=timezone.now())
    put_person(
        provider,
        "S-1-5-21-4711",
        preferred_username="fk-styrum-sgb2",
        given_name="Sabine",
        family_name="Gerlach",
        email="s.gerlach@stadt.example",
        groups=["sozialraum-fachkraft"],
    )
    page.goto(f"{demo_site.url}{reverse('cases:case_list')}")
    expect(page).to_have_title(re.compile("Anmelden"))
    page.get_by_role("link", name="Mit Dienstkonto anmelden").click()

    page.wait_for_url(f"{provider}/**")  # the identity provider's own page
    page.get_by_placeholder("sub").fill("S-1-5-21-4711")
    page.get_by_role("button", name="Authorize").click()

    # Back where she wanted to go, as her existing account (linked by user name).
    page.wait_for_url(f"{demo_site.url}{reverse('cases:case_list')}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#main-navigation")).to_contain_text("Sabine Gerlach")
    assert DirectoryAccount.objects.get(subject="S-1-5-21-4711").user.username == "fk-styrum-sgb2"

    log_out(page)
    page.wait_for_url(f"{provider}/oauth2/end_session**")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{demo_site.url}{reverse('login')}")
    expect(page.get_by_role("link", name="Mit Dienstkonto anmelden")).to_be_visible()
