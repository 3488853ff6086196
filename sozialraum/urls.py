from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from sozialraum import health, passkeys, second_factor
from sozialraum.directory import views as directory_views
from sozialraum.views import AuditTrailView, SearchPreviewView, SearchView, SessionKeepAliveView, StartView

admin.site.site_header = _("Sozialraum – administration")
admin.site.site_title = _("Sozialraum")
admin.site.index_title = _("Reference data and users")

urlpatterns = [
    path("", StartView.as_view(), name="home"),
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
    path("sitzung/weiter/", SessionKeepAliveView.as_view(), name="session_keepalive"),
    path("datenschutz/protokoll/", AuditTrailView.as_view(), name="audit_trail"),
    path("suche/", SearchView.as_view(), name="search"),
    path("suche/vorschau/", SearchPreviewView.as_view(), name="search_preview"),
    path("anmelden/", directory_views.SignInView.as_view(), name="login"),
    path("anmelden/dienstkonto/", directory_views.DirectorySignInView.as_view(), name="directory_sign_in"),
    path("anmelden/dienstkonto/zurueck/", directory_views.DirectoryCallbackView.as_view(), name="directory_callback"),
    path("abmelden/", directory_views.SignOutView.as_view(), name="logout"),
    path("anmelden/zweiter-faktor/", second_factor.SecondFactorVerifyView.as_view(), name="second_factor_verify"),
    path(
        "anmelden/zweiter-faktor/einrichten/",
        second_factor.SecondFactorSetupView.as_view(),
        name="second_factor_setup",
    ),
    path(
        "anmelden/zweiter-faktor/wiederherstellungscodes/",
        second_factor.RecoveryCodesView.as_view(),
        name="second_factor_recovery_codes",
    ),
    path("anmelden/passkey/", include(passkeys)),
    path("passwort/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("passwort/geaendert/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # Forgotten password: a one-time link by e-mail (German texts in templates/registration/).
    path(
        "passwort/vergessen/",
        # A plain-text mail (.txt: the HTML formatter must not indent the mail's text).
        auth_views.PasswordResetView.as_view(email_template_name="registration/password_reset_email.txt"),
        name="password_reset",
    ),
    path("passwort/vergessen/gesendet/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "passwort/neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("passwort/neu/fertig/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("", include("districts.urls")),
    path("", include("reports.urls")),
    path("", include("budgets.urls")),
    path("", include("meetings.urls")),
    path("", include("networks.urls")),
    path("", include("cases.urls")),
    path("verwaltung/", admin.site.urls),
]
