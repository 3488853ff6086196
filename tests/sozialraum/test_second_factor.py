"""Issue 20 (first part): a second factor – TOTP from an authenticator app with one-time recovery
codes – required for the roles in SECOND_FACTOR_ROLES, optional otherwise; every enrolment,
reset and wrong code audited."""

import re

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from sozialraum.models import AuditEvent
from sozialraum.second_factor import reset_second_factor

PASSWORD = "ein-langes-Passwort-2026"


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, user):
    user.set_password(PASSWORD)
    user.save()
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD})


@pytest.fixture
def required(settings):
    settings.SECOND_FACTOR_ROLES = ["Fachkraft"]
    # django-otp makes one wait 1 s, 2 s, 4 s … after a wrong code; these tests type fast.
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


def enrol(client, caseworker) -> list[str]:
    sign_in(client, caseworker)
    page = client.get(reverse("second_factor_setup")).content.decode()
    assert "<svg" in page and "otpauth" not in page  # the QR code, not the secret URL as text
    device = TOTPDevice.objects.get(user=caseworker, confirmed=False)
    response = client.post(reverse("second_factor_setup"), {"code": current_code(device)})
    return re.findall(r"<li>([0-9a-f]{8})</li>", response.content.decode())


def test_a_role_that_needs_it_enrols_before_anything_else(client, caseworker, required):
    sign_in(client, caseworker)
    assert client.get(reverse("home"))["Location"] == reverse("second_factor_setup")
    assert client.get(reverse("cases:case_list"))["Location"] == reverse("second_factor_setup")
    client.get(reverse("second_factor_setup"))
    wrong = client.post(reverse("second_factor_setup"), {"code": "000000"})
    assert "Dieser Code stimmt nicht." in wrong.content.decode()
    device = TOTPDevice.objects.get(user=caseworker)
    codes = client.post(reverse("second_factor_setup"), {"code": current_code(device)})
    assert len(re.findall(r"<li>([0-9a-f]{8})</li>", codes.content.decode())) == 10
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(object_type="otp_totp.totpdevice", details__second_factor="enrolled").exists()
    assert AuditEvent.objects.filter(details__second_factor="wrong code at enrolment").exists()


def test_the_next_sign_in_asks_for_the_code_and_a_recovery_code_works_once(client, caseworker, required):
    codes = enrol(client, caseworker)
    client.post(reverse("logout"))
    sign_in(client, caseworker)
    assert client.get(reverse("home"))["Location"] == reverse("second_factor_verify")
    wrong = client.post(reverse("second_factor_verify"), {"code": "123456"})
    assert "Dieser Code stimmt nicht." in wrong.content.decode()
    assert AuditEvent.objects.filter(object_id=caseworker.pk, details__second_factor="wrong code").count() == 1
    assert client.post(reverse("second_factor_verify"), {"code": codes[0]}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    sign_in(client, caseworker)
    used_again = client.post(reverse("second_factor_verify"), {"code": codes[0]})
    assert used_again.status_code == 200 and "Dieser Code stimmt nicht." in used_again.content.decode()
    assert client.post(reverse("second_factor_verify"), {"code": codes[1]}).status_code == 302


def test_without_the_setting_a_password_is_enough_and_enrolling_is_optional(client, caseworker):
    sign_in(client, caseworker)
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("second_factor_setup")).status_code == 200  # anyone may enrol


def test_an_administrator_resets_a_lost_phone_audited(client, caseworker, administrator, required):
    enrol(client, caseworker)
    reset_second_factor(administrator, caseworker)
    assert not TOTPDevice.objects.filter(user=caseworker).exists()
    assert not StaticDevice.objects.filter(user=caseworker).exists()
    assert AuditEvent.objects.filter(
        user_id=administrator.pk, object_id=caseworker.pk, details__second_factor="reset"
    ).exists()
    assert "reset_second_factor" in site._registry[User].actions  # the action in /verwaltung/


def test_wrong_codes_in_a_row_make_the_user_wait(client, caseworker, settings):
    settings.SECOND_FACTOR_ROLES = ["Fachkraft"]
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0
    enrol(client, caseworker)
    client.post(reverse("logout"))
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 60
    sign_in(client, caseworker)
    client.post(reverse("second_factor_verify"), {"code": "123456"})
    device = TOTPDevice.objects.get(user=caseworker, confirmed=True)
    waiting = client.post(reverse("second_factor_verify"), {"code": current_code(device)})  # right, but too soon
    assert "Zu viele falsche Codes nacheinander" in waiting.content.decode()
    assert client.get(reverse("home"))["Location"] == reverse("second_factor_verify")


def test_a_password_alone_does_not_set_up_a_new_app_over_an_existing_one(client, caseworker, required):
    enrol(client, caseworker)
    client.post(reverse("logout"))
    sign_in(client, caseworker)  # password only: the second factor is still to be given
    assert client.get(reverse("second_factor_setup"))["Location"] == reverse("second_factor_verify")
    assert client.post(reverse("second_factor_setup"), {"code": "123456"})["Location"] == reverse(
        "second_factor_verify"
    )
    assert client.post(reverse("second_factor_recovery_codes"))["Location"] == reverse("second_factor_verify")
    assert TOTPDevice.objects.filter(user=caseworker).count() == 1


def test_new_recovery_codes_replace_the_old_ones(client, caseworker, required):
    old_codes = enrol(client, caseworker)
    page = client.post(reverse("second_factor_recovery_codes")).content.decode()
    new_codes = re.findall(r"<li>([0-9a-f]{8})</li>", page)
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    client.post(reverse("logout"))
    sign_in(client, caseworker)
    refused = client.post(reverse("second_factor_verify"), {"code": old_codes[0]})
    assert "Dieser Code stimmt nicht" in refused.content.decode()
    assert client.post(reverse("second_factor_verify"), {"code": new_codes[0]})["Location"] == reverse("home")


def test_the_reset_removes_passkeys_too(caseworker, administrator):
    WebAuthnCredential.objects.create(
        user=caseworker, name="Laptop", confirmed=True, credential_id=b"1", public_key=b"k", sign_count=0
    )
    reset_second_factor(administrator, caseworker)
    assert not WebAuthnCredential.objects.filter(user=caseworker).exists()
