import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import resolve
from django.utils import timezone

from sozialraum.roles import roles_of

# Pages a signed-in user without a role may still open: leaving, and changing the password.
ROLELESS_URL_NAMES = {
    "logout",
    "password_change",
    "password_change_done",
    "login",
    "session_keepalive",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
# Requests a page makes by itself (polling a report's progress) are no sign of the user's presence.
BACKGROUND_HEADER = "X-Background"
EXTEND_AFTER = timedelta(minutes=1)
SIGNED_IN_AT = "signed_in_at"


def remember_sign_in(sender, request, user, **kwargs):
    """user_logged_in receiver: the start of the session's longest possible life."""
    request.session[SIGNED_IN_AT] = time.time()


class RoleRequiredMiddleware:
    """A signed-in user without any role sees a friendly page instead of empty lists."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not roles_of(user):
            match = resolve(request.path_info) if request.path_info else None
            if match is None or match.url_name not in ROLELESS_URL_NAMES:
                return render(request, "no_role.html", status=403)
        return self.get_response(request)


# Browser features the app never uses, switched off for every page.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class PrivacyHeadersMiddleware:
    """Every response for a signed-in user may hold social data (pages, PDFs, XLSX, JSON): no
    browser or proxy may keep a copy. And a Permissions-Policy for all responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        return response


class SessionActivityMiddleware:
    """Idle timeout: every request the user makes moves the session's end SESSION_IDLE_MINUTES
    ahead; requests a page makes by itself do not. After SESSION_MAX_HOURS the session ends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            signed_in_at = request.session.get(SIGNED_IN_AT, now)
            if now - signed_in_at > settings.SESSION_MAX_HOURS * 3600:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if not request.headers.get(BACKGROUND_HEADER):
                # An absolute time, so that the stored end only moves with requests of the user;
                # moved at most once a minute, which spares a session write on most requests.
                full_end = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
                if full_end - request.session.get_expiry_date() > EXTEND_AFTER:
                    request.session.set_expiry(full_end)
        return self.get_response(request)


# While a password set by someone else awaits its change, only these pages open.
PASSWORD_CHANGE_URL_NAMES = {"password_change", "password_change_done", "logout", "session_keepalive"}
MUST_CHANGE_PASSWORD = "must_change_password"


def note_required_password_change(sender, request, user, **kwargs):
    """user_logged_in receiver: remember in the session that the password must be changed."""
    from sozialraum.models import PasswordChangeRequired

    if PasswordChangeRequired.objects.filter(user=user).exists():
        request.session[MUST_CHANGE_PASSWORD] = True


class PasswordChangeRequiredMiddleware:
    """Sends a user whose password an administrator set to the password change page first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and request.session.get(MUST_CHANGE_PASSWORD):
            from sozialraum.models import PasswordChangeRequired

            if not PasswordChangeRequired.objects.filter(user=request.user).exists():
                del request.session[MUST_CHANGE_PASSWORD]
            else:
                match = resolve(request.path_info)
                if match.url_name not in PASSWORD_CHANGE_URL_NAMES:
                    return redirect("password_change")
        return self.get_response(request)


def has_null_character(request) -> bool:
    if "\x00" in request.path:
        return True
    for data in (request.GET, request.POST):
        for key, values in data.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


class RejectNullCharactersMiddleware:
    """No browser sends a NUL character, and PostgreSQL cannot store one: such a request is
    refused as a whole (400) before any view looks values up with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_null_character(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)
