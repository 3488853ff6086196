"""`manage.py check --deploy`: the app must not connect to PostgreSQL with more rights than it
needs (sozialraum.db_roles)."""

from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, connection

from sozialraum.backup import MINIMUM_SERVER_VERSION
from sozialraum.db_roles import APPEND_ONLY_TABLES

PRIVILEGES = """
SELECT rolsuper, rolcreaterole, rolbypassrls,
       (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user),
       to_regclass(%s) IS NOT NULL AND (
           has_table_privilege(current_user, %s, 'UPDATE') OR has_table_privilege(current_user, %s, 'DELETE')
           OR has_table_privilege(current_user, %s, 'TRUNCATE'))
FROM pg_roles WHERE rolname = current_user
"""


@register(Tags.security, deploy=True)
def database_role_check(app_configs=None, **kwargs):
    audit_table = APPEND_ONLY_TABLES[0]
    try:
        with connection.cursor() as cursor:
            cursor.execute(PRIVILEGES, [audit_table] * 4)  # (not migrated yet: no audit table)
            superuser, creates_roles, bypasses_rls, owned_tables, may_rewrite_audit = cursor.fetchone()
    except DatabaseError as error:
        return [Warning(f"Could not check the database role: {error}", id="sozialraum.W002")]
    problems = []
    if superuser or creates_roles or bypasses_rls:
        problems.append("is a superuser or may create roles")
    if owned_tables:
        problems.append(f"owns {owned_tables} tables")
    if may_rewrite_audit:
        problems.append(f"may change or delete rows of {audit_table}")
    if not problems:
        return []
    return [
        Warning(
            f"The app connects to PostgreSQL as a role that {', '.join(problems)}.",
            hint="Set DATABASE_URL to the app role and DATABASE_OWNER_URL to the owner; "
            "`manage.py database_roles` prints the statements that create them.",
            id="sozialraum.W001",
        )
    ]


def server_version_errors(server_version: int) -> list[Error]:
    """The migrations use UNIQUE … NULLS NOT DISTINCT, which PostgreSQL has since version 15."""
    if server_version >= MINIMUM_SERVER_VERSION:
        return []
    found = f"{server_version // 10000}.{server_version % 10000}"
    return [
        Error(
            f"PostgreSQL {found} is too old; Sozialraum needs PostgreSQL 15 or newer.",
            hint="Upgrade the server or leave DATABASE_URL empty to use the embedded PostgreSQL 18.",
            id="sozialraum.E001",
        )
    ]


@register(Tags.database)
def server_version_check(databases=None, **kwargs):
    """Runs before `migrate` and with `check --database default`."""
    if not databases or "default" not in databases:
        return []
    return server_version_errors(connection.pg_version)


@register(Tags.security, deploy=True)
def mail_backend_check(app_configs=None, **kwargs):
    """A printed mail lands in the logs: a password link, a reminder."""
    from django.conf import settings

    if settings.EMAIL_BACKEND.endswith("console.EmailBackend") and not settings.DEBUG:
        return [
            Warning(
                "Mails are printed to the console (and so into the logs).",
                hint="Set EMAIL_BACKEND to django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST.",
                id="sozialraum.W003",
            )
        ]
    return []


DIRECTORY_SETTINGS = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


@register(Tags.security)
def sign_in_check(app_configs=None, **kwargs):
    """Sign-in settings that would lock everyone out or leave the directory half configured."""
    from django.conf import settings

    errors = []
    if settings.DIRECTORY_SIGN_IN:
        missing = [name for name in DIRECTORY_SETTINGS if not getattr(settings, name)]
        if missing:
            errors.append(
                Error(
                    f"OIDC_OP_ISSUER is set but {', '.join(missing)} not.",
                    hint="See .env.example and the README's Keycloak example.",
                    id="sozialraum.E002",
                )
            )
    if not settings.PASSWORD_SIGN_IN and not (settings.DIRECTORY_SIGN_IN and settings.BREAK_GLASS_ACCOUNTS):
        errors.append(
            Error(
                "PASSWORD_SIGN_IN is off, but there is no directory sign-in or no break-glass account.",
                hint="Set OIDC_OP_ISSUER and BREAK_GLASS_ACCOUNTS, or leave PASSWORD_SIGN_IN on.",
                id="sozialraum.E003",
            )
        )
    return errors
