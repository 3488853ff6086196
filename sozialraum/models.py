from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _

from sozialraum.formats import format_datetime
from sozialraum.roles import Role


class AuditAction(models.TextChoices):
    VIEW = "view", _("viewed personal data")
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    WITHDRAW = "withdraw", _("withdrew")
    EXPORT = "export", _("exported")
    LOCK = "lock", _("locked out")
    UNLOCK = "unlock", _("unlocked")
    # Four-eyes changes of access: asked for, approved or rejected by a second person, refused.
    REQUEST = "request", _("requested")
    APPROVE = "approve", _("approved")
    REJECT = "reject", _("rejected")
    REFUSE = "refuse", _("refused")
    SEND = "send", _("sent by mail")
    RESTORE = "restore", _("restored from a backup")
    # Signing in where it is worth a line: the break-glass account while passwords are off.
    SIGN_IN = "sign_in", _("signed in")


# How the keys of AuditEvent.details read on the audit trail page (ids stay as they are).
DETAIL_LABELS = {
    "account": _("account"),
    "role": _("role"),
    "added": _("added"),
    "removed": _("removed"),
    "cleared": _("all removed"),
    "team_name": _("team"),
    "membership_role": _("role in the team"),
    "locked_user": _("account"),
    "ip_address": _("IP address"),
    "reason": _("reason"),
    "purpose": _("purpose"),
    "version": _("version"),
    "source": _("source"),
    "linked": _("linked with"),
    "break_glass": _("break-glass account"),
}


class AuditEventQuerySet(models.QuerySet):
    def about_case(self, case_id: int):
        """Events about one case: its own, and the page views that listed it among others."""
        if not 0 < case_id < 2**63:  # (no case has it; the array lookup would not even compare)
            return self.none()
        return self.filter(models.Q(case_id=case_id) | models.Q(case_ids__contains=[case_id]))


class AuditEvent(models.Model):
    """One read of personal data or one change of case data. Append-only: a database trigger
    (migration 0002) rejects UPDATE and DELETE. Holds field names, never the values.

    A page that lists many objects (the case list, "Meine Arbeit") writes one event naming all
    of them in `object_ids` and `case_ids` instead of one event each: a city's reads stay a
    fraction of the table they were (see `audit_volume` in the README)."""

    occurred_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    # No foreign key: deleting a user must not touch (update) the trail.
    user_id = models.BigIntegerField(_("user id"), null=True)
    username = models.CharField(_("user"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.BigIntegerField(_("object id"), null=True)
    case_id = models.BigIntegerField(_("case id"), null=True, help_text=_("The case the object belongs to."))
    object_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, verbose_name=_("object ids"))
    case_ids = ArrayField(
        models.BigIntegerField(), default=list, blank=True, verbose_name=_("case ids"), help_text=_("Cases listed.")
    )
    changed_fields = ArrayField(models.CharField(max_length=60), default=list, blank=True, verbose_name=_("fields"))
    request_id = models.UUIDField(_("request id"), null=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    # Tamper evidence: each event's hash covers its content and the previous event's hash; the
    # database computes both (trigger, migration 0005), `manage.py verify_audit_trail` checks them.
    previous_hash = models.CharField(max_length=64, default="", editable=False)
    hash = models.CharField(max_length=64, default="", editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["case_id", "occurred_at"], name="auditevent_case_time"),
            GinIndex(fields=["case_ids"], condition=~models.Q(case_ids=[]), name="auditevent_listed_cases"),
            # Edit conflicts ask who changed this object since version N, holding its row lock.
            models.Index(
                fields=["object_type", "object_id"], condition=models.Q(action="update"), name="auditevent_updates"
            ),
        ]

    def __str__(self):
        return f"{format_datetime(self.occurred_at)} {self.username} {self.get_action_display()} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events cannot be deleted.")

    @property
    def details_text(self) -> str:
        """The details as the data protection officer reads them: "Konto: mueller · Rolle: Fachkraft"."""
        parts = []
        # jsonb keeps its own key order; show them in the labels' order, unknown keys after.
        order = {key: position for position, key in enumerate(DETAIL_LABELS)}
        for key, value in sorted(self.details.items(), key=lambda item: (order.get(item[0], len(order)), item[0])):
            shown = ", ".join(map(str, value)) if isinstance(value, list) else value
            if shown in ("", None):
                continue
            parts.append(f"{DETAIL_LABELS.get(key, key)}: {shown}")
        return " · ".join(parts)


class PasswordChangeRequired(models.Model):
    """A password someone else set (an administrator) must be replaced by its owner at the
    next sign-in: the administrator must not know a password in use (DESIGN §4 rule 9)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)
    set_by_id = models.BigIntegerField(_("set by (user id)"), null=True)

    class Meta:
        verbose_name = _("password change required")
        verbose_name_plural = _("password changes required")

    def __str__(self):
        return str(self.user)


class Submission(models.Model):
    """The first answer to one form as the user got it (sozialraum.submissions): a double click,
    a repeated POST or a reload gets this answer again instead of a second record."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.UUIDField()
    submitted_at = models.DateTimeField(auto_now_add=True)
    status_code = models.PositiveSmallIntegerField()
    location = models.CharField(max_length=2000, blank=True)
    # Only answers that are no redirect (the htmx dialogs) keep their body; `make daily` and
    # every erasure delete them (they may name a person).
    content = models.BinaryField(blank=True)
    content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="submission_once_per_user_and_token")]

    def __str__(self):
        return str(self.token)


class WorkerHeartbeat(models.Model):
    """A background worker's last sign of life (`manage.py report_worker`); /health/ready
    reports not ready when no worker has been seen for REPORT_STALE_SECONDS."""

    worker_id = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.seen_at:%Y-%m-%d %H:%M:%S})"


class ScheduledRun(models.Model):
    """A daily job's claim for one day: of several workers on several machines, the one that
    inserts the row runs the job (sozialraum.schedule)."""

    job = models.CharField(max_length=64)
    day = models.DateField()
    claimed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="scheduledrun_once_per_day")]

    def __str__(self) -> str:
        return f"{self.job} {self.day}"


class DirectoryAccount(models.Model):
    """A user's account in the town's directory (OpenID Connect: issuer and subject), linked at
    the first sign-in with the service account (sozialraum.directory). The subject, not the
    e-mail address, identifies the person: addresses are reused, subjects are not."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_account", verbose_name=_("user")
    )
    issuer = models.CharField(_("identity provider"), max_length=300)
    subject = models.CharField(_("id in the directory"), max_length=255)
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)
    signed_in_at = models.DateTimeField(_("last sign-in"), null=True)

    class Meta:
        verbose_name = _("service account")
        verbose_name_plural = _("service accounts")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="directoryaccount_one_user_per_subject")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.subject})"


class DirectoryRoleMapping(models.Model):
    """A value of the directory's group claim and the role it gives at each sign-in with the
    service account. Maintained by the Administration role; a role that opens case files or the
    audit trail takes effect only when a second administrator approves (four-eyes, DESIGN §4)."""

    group = models.CharField(
        _("directory group"), max_length=255, help_text=_("A value of the group claim, e.g. “sozialraum-fachkraft”.")
    )
    role = models.CharField(_("role"), max_length=60, choices=Role.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("in effect since"), null=True, blank=True)

    class Meta:
        verbose_name = _("directory group → role")
        verbose_name_plural = _("directory groups → roles")
        ordering = ["group", "role"]
        constraints = [models.UniqueConstraint(fields=["group", "role"], name="directoryrolemapping_once")]

    def __str__(self) -> str:
        return f"{self.group} → {self.get_role_display()}"
