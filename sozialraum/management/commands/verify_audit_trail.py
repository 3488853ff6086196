"""Check the audit trail's hash chain: `python manage.py verify_audit_trail`.

Exits with status 1 and names the first broken link if any event was changed, removed or
inserted out of order (e.g. by someone with direct database access)."""

from django.core.management.base import BaseCommand, CommandError

from sozialraum.audit import verify_chain
from sozialraum.formats import format_datetime
from sozialraum.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail and name the first broken link."

    def handle(self, *args, **options):
        check = verify_chain()
        if not check.intact:
            event = AuditEvent.objects.filter(pk=check.broken_at).first()
            when = f" vom {format_datetime(event.occurred_at)}" if event else ""
            reasons = {
                "link to the previous event does not match": "es verweist nicht auf das Ereignis davor",
                "content changed after it was written": "sein Inhalt wurde nach dem Schreiben geändert",
            }
            raise CommandError(
                f"Audit-Kette unterbrochen bei Ereignis {check.broken_at}{when}: "
                f"{reasons.get(check.reason, check.reason)} (nach {check.events - 1} intakten Ereignissen)."
            )
        self.stdout.write(f"Audit-Kette unversehrt: {check.events} Ereignisse, letzter Hash {check.last_hash[:16]}…")
