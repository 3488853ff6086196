"""Accounts follow the directory: at each sign-in with the service account (and each recheck of
a session) the user's name, e-mail address and roles are taken from the identity provider's
claims. Roles come from the directory groups through the mapping the Administration role
keeps; team memberships stay a decision made in the app."""

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from sozialraum import audit
from sozialraum.models import AuditAction, DirectoryAccount, DirectoryRoleMapping
from sozialraum.roles import Role

User = get_user_model()


def mapped_roles(groups: list[str]) -> set[Role]:
    """The roles the directory groups give through mappings in effect (approved where needed)."""
    mappings = DirectoryRoleMapping.objects.filter(group__in=groups, approved_at__isnull=False)
    return {Role(role) for role in mappings.values_list("role", flat=True)}


def groups_of(claims: dict[str, Any]) -> list[str]:
    value = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(value, str):
        value = [value]
    # Keycloak's group paths start with "/" unless its mapper is told otherwise.
    return [str(group) for group in value] + [str(group).lstrip("/") for group in value if str(group).startswith("/")]


def follow_directory(claims: dict[str, Any], issuer: str, *, signing_in: bool = True) -> Any:
    """The user for these claims: linked before, an account of the same user name (first sign-in
    of an existing account; never a break-glass account), or new. Names, address and roles updated;
    at a session's recheck the roles only if the provider sent the group claim there too."""
    with transaction.atomic():
        link = (
            DirectoryAccount.objects.select_for_update()
            .select_related("user")
            .filter(issuer=issuer, subject=claims["sub"])
            .first()
        )
        if link is None:
            user = account_to_link(claims)
            link = DirectoryAccount.objects.create(user=user, issuer=issuer, subject=claims["sub"])
        user = link.user
        update_details(user, claims)
        if signing_in or settings.OIDC_GROUPS_CLAIM in claims:
            sync_roles(user, groups_of(claims))
        if signing_in:
            link.signed_in_at = timezone.now()
            link.save(update_fields=["signed_in_at"])
    return user


def account_to_link(claims: dict[str, Any]) -> Any:
    username = str(claims.get("preferred_username") or claims["sub"])[:150]
    existing = User.objects.filter(username=username, directory_account__isnull=True).first()
    if existing is not None and username not in settings.BREAK_GLASS_ACCOUNTS:
        audit.log(None, AuditAction.UPDATE, existing, details={"account": username, "linked": "directory"})
        return existing
    if existing is not None or User.objects.filter(username=username).exists():
        username = f"{username[:140]}-{str(claims['sub'])[:8]}"  # the name is another person's account
    user = User(username=username)
    user.set_unusable_password()  # signs in through the directory only
    user.save()
    audit.log(None, AuditAction.CREATE, user, details={"account": username, "source": "directory"})
    return user


def update_details(user: Any, claims: dict[str, Any]) -> None:
    wanted = {
        "first_name": str(claims.get("given_name") or "")[:150],
        "last_name": str(claims.get("family_name") or "")[:150],
        "email": str(claims.get("email") or "")[:254],
    }
    changed = [field for field, value in wanted.items() if value and getattr(user, field) != value]
    for field in changed:
        setattr(user, field, wanted[field])
    if changed:
        user.save(update_fields=changed)


def sync_roles(user: Any, groups: list[str]) -> None:
    """The user's roles become the mapped ones (added and taken away, both audited by the group
    signal). Nothing changes while no mapping is in effect: the roles are then kept in the app."""
    if not DirectoryRoleMapping.objects.filter(approved_at__isnull=False).exists():
        return
    wanted = {role.value for role in mapped_roles(groups)}
    held = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
    if held - wanted:
        user.groups.remove(*Group.objects.filter(name__in=held - wanted))
    if wanted - held:
        user.groups.add(*Group.objects.filter(name__in=wanted - held))
    if hasattr(user, "_sozialraum_roles"):
        del user._sozialraum_roles
