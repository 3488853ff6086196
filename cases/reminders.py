"""The daily reminder mail about follow-ups, for users who switched it on: how many are overdue
and due today, and a link — never a name, a reference or any case content (mail leaves the app)."""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from cases.models import FollowUp, ReminderSubscription


def reminder_body(overdue: int, due_today: int) -> str:
    parts = []
    if overdue:
        parts.append(
            ngettext("%(count)d follow-up is overdue", "%(count)d follow-ups are overdue", overdue) % {"count": overdue}
        )
    if due_today:
        parts.append(ngettext("%(count)d is due today", "%(count)d are due today", due_today) % {"count": due_today})
    return "\n\n".join(
        [
            _("Good morning,"),
            _("in Sozialraum %(what)s.") % {"what": _(" and ").join(parts)},
            _("Your tasks: %(url)s") % {"url": settings.SITE_URL + reverse("cases:my_tasks")},
            _("You get this mail because you switched the daily reminder on under “My tasks”."),
        ]
    )


def send_reminders(today: date | None = None) -> int:
    """One mail per subscribed, active user with something due, at most once a day; returns how many."""
    today = today or timezone.localdate()
    subscriptions = ReminderSubscription.objects.filter(user__is_active=True).exclude(last_sent_on=today)
    due = (
        FollowUp.objects.open()
        .filter(owner__in=subscriptions.values("user"), due_on__lte=today)
        .values("owner")
        .annotate(overdue=Count("pk", filter=Q(due_on__lt=today)), due_today=Count("pk", filter=Q(due_on=today)))
    )
    emails = dict(subscriptions.values_list("user_id", "user__email"))
    sent = 0
    for row in due:
        address = emails.get(row["owner"])
        if not address:
            continue
        send_mail(_("Sozialraum: follow-ups due"), reminder_body(row["overdue"], row["due_today"]), None, [address])
        ReminderSubscription.objects.filter(user_id=row["owner"]).update(last_sent_on=today)
        sent += 1
    return sent


@task()
def send_follow_up_reminders() -> int:
    """Run by a report worker once a day at FOLLOW_UP_REMINDER_TIME (sozialraum.schedule)."""
    return send_reminders()
