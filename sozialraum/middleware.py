from django.shortcuts import render
from django.urls import resolve

from sozialraum.roles import roles_of

# Pages a signed-in user without a role may still open: leaving, and changing the password.
ROLELESS_URL_NAMES = {"logout", "password_change", "password_change_done", "login"}


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
