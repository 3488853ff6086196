"""Signing in with the town's directory: OpenID Connect (mozilla-django-oidc) against the
municipality's identity provider (Keycloak, ADFS). The provider's token is checked in full
(tokens), the account and its roles follow the directory's claims (accounts), a session asks
the directory again every few minutes whether the account is still active (middleware), and
passwords of this app can be switched off but for break-glass accounts (backends)."""
