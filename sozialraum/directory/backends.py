"""The two ways to sign in: the directory (OpenID Connect) and this app's passwords, which can
be switched off for everyone but the break-glass accounts (PASSWORD_SIGN_IN, BREAK_GLASS_ACCOUNTS)."""

import time
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from sozialraum.directory.accounts import follow_directory
from sozialraum.directory.tokens import TokenRejected, check_id_token
from sozialraum.roles import signed_in_user

# Session keys of a sign-in through the directory.
REFRESH_TOKEN = "directory_refresh_token"
ID_TOKEN = "oidc_id_token"
CHECKED_AT = "directory_checked_at"


def passwords_allowed_for(username: str) -> bool:
    return settings.PASSWORD_SIGN_IN or username in settings.BREAK_GLASS_ACCOUNTS


class PasswordBackend(ModelBackend):
    """Django's user name and password, refused while passwords are off (but for break-glass)."""

    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and passwords_allowed_for(user.get_username())

    def get_user(self, user_id: Any) -> Any:
        user = signed_in_user(get_user_model(), user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class DirectoryBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow with the full token check, the account from the claims,
    and the refresh token kept for the session's rechecks. Silent while no issuer is configured."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = get_user_model()
        if settings.DIRECTORY_SIGN_IN:
            super().__init__(*args, **kwargs)

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if not settings.DIRECTORY_SIGN_IN or request is None:
            return None
        self.refresh_token = None
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException:
            raise TokenRejected("provider") from None

    def get_token(self, payload: dict[str, Any]) -> dict[str, Any]:
        token_info = super().get_token(payload)
        self.refresh_token = token_info.get("refresh_token")
        return token_info

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        return check_id_token(
            token,
            key=self.retrieve_matching_jwk(token),
            algorithm=self.OIDC_RP_SIGN_ALGO,
            issuer=settings.OIDC_OP_ISSUER,
            audience=self.OIDC_RP_CLIENT_ID,
            nonce=kwargs.get("nonce"),
        )

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload["sub"]:  # Core §5.3.2: the same person or nothing
            raise TokenRejected("subject")
        user = follow_directory({**payload, **userinfo}, settings.OIDC_OP_ISSUER)
        # Read by the second factor's sign-in receiver (sozialraum.second_factor.on_sign_in).
        user.second_factor_by_directory = second_factor_claimed(payload)
        return user

    def store_tokens(self, access_token: str, id_token: str) -> None:
        session = self.request.session
        session[REFRESH_TOKEN] = self.refresh_token
        session[CHECKED_AT] = time.time()
        # The ID token is kept for signing out at the provider (id_token_hint).
        session[ID_TOKEN] = id_token

    def retrieve_matching_jwk(self, token: str) -> Any:
        """The provider's signing key named by the token's `kid` (the only one if it names none)."""
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError:
            raise TokenRejected("incomplete") from None
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("use", "sig") == "sig" and (kid is None or key.get("kid") == kid)
        ]
        if len(keys) != 1:  # none of the provider's keys, or no way to tell which
            raise TokenRejected("signature")
        try:
            return jwt.PyJWK(keys[0])
        except jwt.PyJWTError:
            raise TokenRejected("signature") from None

    def get_user(self, user_id: Any) -> Any:
        if not settings.DIRECTORY_SIGN_IN:  # switched off: its sessions end
            return None
        user = signed_in_user(self.UserModel, user_id)
        # mozilla-django-oidc returns inactive users too: a deactivated account's session ends.
        return user if user is not None and user.is_active else None


def second_factor_claimed(claims: dict[str, Any]) -> bool:
    """The identity provider says it asked for a second factor (amr or acr, OIDC_SECOND_FACTOR_*)."""
    methods = claims.get("amr") or []
    if isinstance(methods, str):
        methods = [methods]
    return bool(set(methods) & set(settings.OIDC_SECOND_FACTOR_AMR)) or (
        claims.get("acr") in settings.OIDC_SECOND_FACTOR_ACR
    )


def audit_break_glass(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """user_logged_in receiver: a sign-in with a break-glass account is always worth a line."""
    if user.get_username() in settings.BREAK_GLASS_ACCOUNTS and getattr(user, "backend", "").endswith(
        "PasswordBackend"
    ):
        from sozialraum import audit
        from sozialraum.models import AuditAction

        audit.log(user, AuditAction.SIGN_IN, user, details={"account": user.get_username(), "break_glass": True})
