"""A second factor for signing in (BSI IT-Grundschutz APP.3.1): TOTP from an authenticator app
(django-otp) with ten one-time recovery codes. Required for the roles in SECOND_FACTOR_ROLES
(none by default, so the demo logins of `make run` stay one step); anyone may enrol. Every
enrolment, reset and wrong code is written to the audit trail."""

import secrets
from typing import Any

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import resolve
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from sozialraum import audit, passkeys
from sozialraum.models import AuditAction
from sozialraum.roles import Role, roles_of

PENDING = "second_factor_pending"  # "verify" or "setup", set at sign-in
ALLOWED_URL_NAMES = {
    "second_factor_verify",
    "second_factor_setup",
    "second_factor_recovery_codes",
    "logout",
    "session_keepalive",
    *passkeys.URL_NAMES,
}
RECOVERY_CODES = 10


def must_enrol(user) -> bool:
    required = {Role(name) for name in settings.SECOND_FACTOR_ROLES if name in Role.values}
    return bool(roles_of(user) & required)


def on_sign_in(sender, request, user, **kwargs) -> None:
    """After the password: ask for the code if the user has a device; to enrol if the role needs one.
    Not after a directory sign-in whose provider says it asked for a second factor (amr/acr)."""
    if request is None or not hasattr(request, "session"):
        return
    if getattr(user, "second_factor_by_directory", False):
        return
    if user_has_device(user, confirmed=True):
        request.session[PENDING] = "verify"
    elif must_enrol(user):
        request.session[PENDING] = "setup"


class SecondFactorMiddleware:
    """Until the second factor is given, a signed-in user reaches only its pages (and sign-out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        pending = request.session.get(PENDING) if hasattr(request, "session") else None
        if pending and request.user.is_authenticated:
            if request.user.is_verified():
                del request.session[PENDING]
            else:
                match = resolve(request.path_info)
                if match.url_name not in ALLOWED_URL_NAMES:
                    return redirect("second_factor_verify" if pending == "verify" else "second_factor_setup")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class Throttled(Exception):
    """After wrong codes django-otp makes the user wait (1 s, 2 s, 4 s, …) before the next try."""


def verified_device(user, code: str):
    """The device (TOTP, else a recovery code, used up) that accepts the code, or None."""
    code = code.replace(" ", "").strip()
    devices = [*TOTPDevice.objects.devices_for_user(user), *StaticDevice.objects.devices_for_user(user)]
    if any(not device.verify_is_allowed()[0] for device in devices):
        raise Throttled
    for device in devices:
        if device.verify_token(code):
            return device
    return None


class SecondFactorVerifyView(View):
    template_name = "registration/second_factor_verify.html"

    def page(self, request, form) -> HttpResponse:
        has_passkey = WebAuthnCredential.objects.filter(user=request.user, confirmed=True).exists()
        return render(request, self.template_name, {"form": form, "has_passkey": has_passkey})

    def get(self, request):
        return self.page(request, CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                device = verified_device(request.user, form.cleaned_data["code"])
            except Throttled:
                form.add_error("code", _("Too many wrong codes in a row: wait a few seconds, then try again."))
                return self.page(request, form)
            if device is not None:
                otp_login(request, device)
                request.session.pop(PENDING, None)
                if isinstance(device, StaticDevice):
                    messages.warning(request, _("You signed in with a recovery code; it cannot be used again."))
                return redirect(settings.LOGIN_REDIRECT_URL)
            audit.log(request.user, AuditAction.REFUSE, request.user, details={"second_factor": "wrong code"})
            form.add_error("code", _("This code is not right. Enter the current code of your app or a recovery code."))
        return self.page(request, form)


class SecondFactorSetupView(View):
    """Scan the QR code, confirm with the first code, note the recovery codes (shown once)."""

    template_name = "registration/second_factor_setup.html"

    def device(self, request) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        return device or TOTPDevice.objects.create(user=request.user, name="App", confirmed=False)

    def page(self, request, form, device) -> HttpResponse:
        svg = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")
        secret = device.config_url.split("secret=")[1].split("&")[0]
        context: dict[str, Any] = {
            "form": form,
            "qr": mark_safe(svg),  # noqa: S308  (generated here from our own URL)
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "has_device": user_has_device(request.user, confirmed=True),
            "required": must_enrol(request.user),
            "verified": request.user.is_verified(),
            "passkey_count": WebAuthnCredential.objects.filter(user=request.user, confirmed=True).count(),
        }
        return render(request, self.template_name, context)

    def dispatch(self, request, *args, **kwargs):
        # Whoever has a second factor gives it before changing it: a stolen password alone
        # must not set up a new app.
        if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
            return redirect("second_factor_verify")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.page(request, CodeForm(), self.device(request))

    def post(self, request):
        device = self.device(request)
        form = CodeForm(request.POST)
        if form.is_valid() and device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            with transaction.atomic():
                # A new enrolment replaces the old app and the old recovery codes.
                TOTPDevice.objects.filter(user=request.user, confirmed=True).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save()
                codes = new_recovery_codes(request.user)
                audit.log(request.user, AuditAction.CREATE, device, details={"second_factor": "enrolled"})
            otp_login(request, device)
            request.session.pop(PENDING, None)
            return render(request, "registration/second_factor_codes.html", {"codes": codes})
        if form.is_valid():
            audit.log(
                request.user, AuditAction.REFUSE, request.user, details={"second_factor": "wrong code at enrolment"}
            )
            form.add_error("code", _("This code is not right. Enter the code your app shows now."))
        return self.page(request, form, device)


def new_recovery_codes(user) -> list[str]:
    """Ten fresh one-time codes; the earlier ones stop working."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        recovery = StaticDevice.objects.create(user=user, name="Wiederherstellung")
        codes = [secrets.token_hex(4) for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=recovery, token=code) for code in codes])
    return codes


class RecoveryCodesView(View):
    """New recovery codes for a user who has given the second factor in this session – after
    registering a passkey, or when the old codes are used up or lost."""

    def post(self, request):
        if not request.user.is_verified():
            return redirect("second_factor_verify")
        codes = new_recovery_codes(request.user)
        audit.log(request.user, AuditAction.CREATE, request.user, details={"second_factor": "new recovery codes"})
        request.session.pop(PENDING, None)
        return render(request, "registration/second_factor_codes.html", {"codes": codes})


def reset_second_factor(by, user) -> None:
    """An administrator removes a user's app, passkeys and recovery codes (lost phone); audited."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        WebAuthnCredential.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit.log(by, AuditAction.DELETE, user, details={"second_factor": "reset"})
