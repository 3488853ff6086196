"""The sign-in page with both ways in, the two steps of the directory's code flow (to the
identity provider and back), and signing out, at the provider too for directory sessions."""

import logging
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from sozialraum.directory.backends import ID_TOKEN, passwords_allowed_for
from sozialraum.directory.tokens import TokenRejected

logger = logging.getLogger("sozialraum.directory")


class SignInForm(AuthenticationForm):
    """While passwords are off, a user name other than a break-glass account is told to use the
    service account (before the password is even checked)."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and not passwords_allowed_for(username):
            raise forms.ValidationError(
                _("Please sign in with your service account; passwords of this app are switched off."),
                code="directory_only",
            )
        return super().clean()


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            directory_sign_in=settings.DIRECTORY_SIGN_IN, password_sign_in=settings.PASSWORD_SIGN_IN, **kwargs
        )


def directory_sign_in_on(view):
    def checked(request, *args, **kwargs):
        if not settings.DIRECTORY_SIGN_IN:
            raise Http404
        return view(request, *args, **kwargs)

    return login_not_required(checked)


@method_decorator(directory_sign_in_on, name="dispatch")
class DirectorySignInView(OIDCAuthenticationRequestView):
    """To the identity provider, with state, nonce and PKCE kept in this browser's session."""


@method_decorator(directory_sign_in_on, name="dispatch")
class DirectoryCallbackView(OIDCAuthenticationCallbackView):
    """Back from the identity provider: every refusal is a German message on the sign-in page."""

    def get(self, request):
        try:
            return super().get(request)
        except TokenRejected as rejected:
            return self.refused(rejected)
        except SuspiciousOperation:  # a state this browser did not start
            return self.refused(TokenRejected("nonce"))

    def refused(self, rejected: TokenRejected) -> HttpResponseRedirect:
        logger.warning("directory sign-in refused", extra={"reason": rejected.reason})
        messages.error(self.request, rejected.message)
        return HttpResponseRedirect(reverse("login"))

    def login_failure(self):
        if self.request.GET.get("error"):
            messages.warning(self.request, _("The sign-in with the service account was cancelled."))
            return HttpResponseRedirect(reverse("login"))
        if "oidc_states" not in self.request.session:
            return self.refused(TokenRejected("nonce"))
        return self.refused(TokenRejected("inactive"))


class SignOutView(auth_views.LogoutView):
    """Signing out of a directory session also ends it at the identity provider (if it names an
    end-session endpoint): on a shared computer the next person must not be signed in silently."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get(ID_TOKEN)
        response = super().post(request, *args, **kwargs)
        if id_token and settings.OIDC_OP_LOGOUT_ENDPOINT:
            back = request.build_absolute_uri(reverse("login"))
            query = urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": back})
            return redirect(f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}")
        return response
