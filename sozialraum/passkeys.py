"""Passkeys and security keys (WebAuthn, django-otp-webauthn) as a second factor beside the
authenticator app: registered on the set-up page, used on the second factor's page. The site's
own host is the relying party unless WEBAUTHN_RP_ID and WEBAUTHN_ORIGINS say otherwise.
Registration and every failed use are in the audit trail."""

import json

from django.conf import settings
from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import views as webauthn
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from sozialraum import audit
from sozialraum.models import AuditAction


class RelyingParty(WebAuthnHelper):
    """OTP_WEBAUTHN_HELPER_CLASS: this site's host name and origin as the browser sees them
    (Django's ALLOWED_HOSTS has checked the host) unless configured."""

    def get_relying_party_domain(self) -> str:
        return settings.WEBAUTHN_RP_ID or self.request.get_host().rsplit(":", 1)[0]

    def get_allowed_origins(self) -> list[str]:
        return settings.WEBAUTHN_ORIGINS or [f"{self.request.scheme}://{self.request.get_host()}"]


class AuditedRegistration(webauthn.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            device = WebAuthnCredential.objects.get(pk=json.loads(response.content)["id"])
            audit.log(self.request.user, AuditAction.CREATE, device, details={"second_factor": "passkey enrolled"})
        return response


class AuditedAuthentication(webauthn.CompleteCredentialAuthenticationView):
    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if self.request.user.is_authenticated:
            audit.log(self.request.user, AuditAction.REFUSE, self.request.user, details={"second_factor": "passkey"})
        return response


app_name = "otp_webauthn"  # the name django-otp-webauthn's template tags reverse
urlpatterns = [
    path("registrierung/", webauthn.BeginCredentialRegistrationView.as_view(), name="credential-registration-begin"),
    path("registrierung/fertig/", AuditedRegistration.as_view(), name="credential-registration-complete"),
    path("pruefung/", webauthn.BeginCredentialAuthenticationView.as_view(), name="credential-authentication-begin"),
    path("pruefung/fertig/", AuditedAuthentication.as_view(), name="credential-authentication-complete"),
    path("texte.js", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]
# The second factor's pages load these before the factor is given.
URL_NAMES = {pattern.name for pattern in urlpatterns}
