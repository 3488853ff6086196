"""A session signed in through the directory asks the identity provider again every
OIDC_RECHECK_MINUTES (refresh token, then userinfo): an account deactivated or removed in the
directory, or signed out there, ends its session here too; names and roles follow."""

import logging
import time

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

from sozialraum.directory.accounts import follow_directory
from sozialraum.directory.backends import CHECKED_AT, REFRESH_TOKEN

logger = logging.getLogger("sozialraum.directory")


class StillActive(Exception):
    """The provider could not be asked (down, slow): the session goes on, asked again next time."""


def ask_directory(refresh_token: str) -> tuple[dict, str | None]:
    """The account's current claims and the next refresh token; PermissionError if refused."""
    try:
        token = requests.post(
            settings.OIDC_OP_TOKEN_ENDPOINT,
            data={"grant_type": "refresh_token", "refresh_token": refresh_token},
            auth=(settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET),  # client_secret_basic
            timeout=settings.OIDC_TIMEOUT,
        )
        if token.status_code == 400 and token.json().get("error") == "invalid_grant":
            raise PermissionError  # the account is deactivated, removed or signed out there
        # (Any other refusal, e.g. invalid_client, is this app's configuration: no reason to
        # sign everyone out; the warning in the log says so.)
        token.raise_for_status()
        tokens = token.json()
        userinfo = requests.get(
            settings.OIDC_OP_USER_ENDPOINT,
            headers={"Authorization": f"Bearer {tokens['access_token']}"},
            timeout=settings.OIDC_TIMEOUT,
        )
        if userinfo.status_code in (401, 403):
            raise PermissionError
        userinfo.raise_for_status()
        return userinfo.json(), tokens.get("refresh_token", refresh_token)
    except (requests.RequestException, ValueError, KeyError) as error:
        raise StillActive from error


class DirectoryRecheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refresh_token = request.session.get(REFRESH_TOKEN) if request.user.is_authenticated else None
        due = time.time() - request.session.get(CHECKED_AT, 0) >= settings.OIDC_RECHECK_SECONDS
        if refresh_token and due and settings.DIRECTORY_SIGN_IN:
            try:
                claims, next_token = ask_directory(refresh_token)
                if claims.get("sub") != request.user.directory_account.subject:
                    raise PermissionError
            except StillActive:
                logger.warning("directory not reachable for a session recheck")
            except PermissionError:
                logout(request)
                messages.warning(request, _("Your service account is no longer active. Please sign in again."))
                return redirect_to_login(request.get_full_path())
            else:
                follow_directory(claims, settings.OIDC_OP_ISSUER, signing_in=False)
                request.session[REFRESH_TOKEN] = next_token
            request.session[CHECKED_AT] = time.time()
        return self.get_response(request)
