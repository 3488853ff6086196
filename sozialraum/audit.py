"""The audit trail (DESIGN §4 rule 4): who read personal data, who changed case data.

Views and services call `log(...)`; the request id comes from RequestIdMiddleware so all
events of one request can be found together."""

import uuid
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from sozialraum.models import AuditAction, AuditEvent
from sozialraum.types import Visitor

current_request_id: ContextVar[uuid.UUID | None] = ContextVar("current_request_id", default=None)
# Who is acting in this request: changes reported by model signals (role and membership changes
# in the admin) are written in that person's name.
current_actor: ContextVar[Any] = ContextVar("current_actor", default=None)


def object_type_of(obj: Model) -> str:
    return obj._meta.label_lower


def event(
    user: Visitor | None,
    action: AuditAction,
    obj: Model,
    *,
    case_id: int | None = None,
    changed_fields: Iterable[str] = (),
    details: dict | None = None,
) -> AuditEvent:
    return AuditEvent(
        **actor_of(user),
        action=action,
        object_type=object_type_of(obj),
        object_id=obj.pk,
        case_id=case_id,
        changed_fields=sorted(changed_fields),
        request_id=current_request_id.get(),
        details=details or {},
    )


def actor_of(user: Visitor | None) -> dict[str, Any]:
    if user is not None and user.is_authenticated:
        return {"user_id": user.pk, "username": user.get_username()}
    return {"user_id": None, "username": ""}


def log(user: Visitor | None, action: AuditAction, obj: Model, **fields: Any) -> AuditEvent:
    """Write one event now; `fields` are event()'s keywords (case_id, changed_fields, details)."""
    entry = event(user, action, obj, **fields)
    entry.save()
    return entry


def log_views(user: Visitor, objects: Iterable[Model], case_id_of: Callable[[Any], int | None]) -> None:
    """The objects whose personal data a page shows: one VIEW event naming all of them (one
    object: an ordinary event), per kind of object. Within a request (PageViewsMiddleware) the
    objects are collected and written as one event per kind when the page is done, however
    many parts of the page showed names (the start page: open cases and tasks)."""
    shown = views_of(objects, case_id_of)
    page = page_views.get()
    if page is None:
        write_views(user, shown)
        return
    for object_type, ids in shown.items():
        seen = page.setdefault(user, {}).setdefault(object_type, {})
        for object_id, case_id in ids.items():
            seen.setdefault(object_id, case_id)


def views_of(objects: Iterable[Model], case_id_of: Callable[[Any], int | None]) -> dict[str, dict[Any, int | None]]:
    """Object type → {object id: case id}, in the order shown, each object once."""
    shown: dict[str, dict[Any, int | None]] = {}
    for obj in objects:
        shown.setdefault(object_type_of(obj), {}).setdefault(obj.pk, case_id_of(obj))
    return shown


def write_views(user: Visitor, shown: dict[str, dict[Any, int | None]]) -> None:
    entries = []
    for object_type, ids in shown.items():  # (each with at least one object)
        entry = AuditEvent(
            **actor_of(user), action=AuditAction.VIEW, object_type=object_type, request_id=current_request_id.get()
        )
        if len(ids) == 1:
            [(entry.object_id, entry.case_id)] = ids.items()
        else:
            entry.object_ids = list(ids)
            entry.case_ids = sorted({case_id for case_id in ids.values() if case_id is not None})
        entries.append(entry)
    if len(entries) == 1:
        entries[0].save()  # one statement: bulk_create wraps even a single row in BEGIN … COMMIT
    elif entries:
        AuditEvent.objects.bulk_create(entries)


# What a request has shown so far (user → object type → {object id: case id}), written when it is done.
page_views: ContextVar[dict[Any, dict[str, dict[Any, int | None]]] | None] = ContextVar("page_views", default=None)


class PageViewsMiddleware:
    """One VIEW event per page and kind of object, written when the response is ready – also
    when the view failed after showing names, and before a streamed body, whose own reads are
    written as they happen. One INSERT instead of one per part of the page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = page_views.set({})
        try:
            return self.get_response(request)
        finally:
            shown = page_views.get() or {}
            page_views.reset(token)
            for user, views in shown.items():
                write_views(user, views)


def proxy_request_id(request: HttpRequest) -> uuid.UUID | None:
    """The proxy's X-Request-ID, when it is trusted (TRUST_X_REQUEST_ID) and a UUID."""
    if not settings.TRUST_X_REQUEST_ID:
        return None
    try:
        return uuid.UUID(request.headers.get("X-Request-ID", ""))
    except ValueError:
        return None


class RequestIdMiddleware:
    """Gives every request an id, for the audit trail and the X-Request-ID response header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = proxy_request_id(request) or uuid.uuid4()
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = str(request_id)
        return response


@dataclass(frozen=True)
class ChainCheck:
    """The result of walking the audit trail's hash chain."""

    events: int
    broken_at: int | None = None  # id of the first event whose link does not hold
    reason: str = ""
    last_hash: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def verify_chain(chunk_size: int = 10_000) -> ChainCheck:
    """Walk every event in order: each must name its predecessor's hash and carry the hash of
    its own content (computed by the same database function the insert trigger uses)."""
    previous = ""
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, previous_hash, hash, sozialraum_audit_digest(previous_hash, e) "
            "FROM sozialraum_auditevent e ORDER BY id"
        )
        while rows := cursor.fetchmany(chunk_size):
            for event_id, previous_hash, stored, computed in rows:
                count += 1
                if previous_hash != previous:
                    return ChainCheck(count, event_id, "link to the previous event does not match", previous)
                if stored != computed:
                    return ChainCheck(count, event_id, "content changed after it was written", previous)
                previous = stored
    return ChainCheck(count, last_hash=previous)


def log_lockout(sender: object, request: object, username: str, ip_address: str, **kwargs: object) -> None:
    """django-axes locked a user name out after too many wrong passwords (signal receiver)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    AuditEvent.objects.create(
        action=AuditAction.LOCK,
        object_type="auth.user",
        object_id=user.pk if user else None,
        username=username or "",
        request_id=current_request_id.get(),
        details={"ip_address": ip_address or "", "reason": "too many wrong passwords"},
    )


class AuditActorMiddleware:
    """Makes the signed-in user the actor of audit events written by signal receivers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_actor.set(request.user if request.user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            current_actor.reset(token)


def log_access_change(obj: Model, changed_fields: Iterable[str], details: dict) -> None:
    """A change of who may do what (roles, memberships, account flags), by the current actor."""
    log(current_actor.get(), AuditAction.UPDATE, obj, changed_fields=changed_fields, details=details)


ACCOUNT_FLAGS = ("is_active", "is_staff", "is_superuser", "password")


def remember_account_flags(sender: Any, instance: Any, **kwargs: Any) -> None:
    """pre_save of users: keep the flags as stored, to audit what changes."""
    if instance.pk:
        instance._stored_flags = dict(
            type(instance).objects.filter(pk=instance.pk).values(*ACCOUNT_FLAGS).first() or {}
        )


def log_account_flags(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    stored = getattr(instance, "_stored_flags", None)
    if created or not stored:
        return
    changed = [flag for flag in ACCOUNT_FLAGS if stored.get(flag) != getattr(instance, flag)]
    if changed:  # never the password itself, only that it changed
        log_access_change(instance, changed, {"account": instance.get_username()})
    actor = current_actor.get()
    if "password" in changed and actor is not None and actor.pk == instance.pk:
        # The owner chose a password of its own: the one an administrator set is gone.
        from sozialraum.models import PasswordChangeRequired

        PasswordChangeRequired.objects.filter(user=instance).delete()


def log_group_change(sender: Any, instance: Any, action: str, pk_set: set | None, **kwargs: Any) -> None:
    """m2m_changed of User.groups: roles given or taken."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from django.contrib.auth.models import Group

    names = sorted(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    key = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    log_access_change(instance, ["groups"], {"account": instance.get_username(), key: names})
