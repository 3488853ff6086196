from django.core.management.base import BaseCommand

from cases import follow_ups


class Command(BaseCommand):
    help = (
        "Bring every automatic follow-up in line with its source (goals, consents, referrals, meetings, "
        "phases, partner contacts); part of the daily job. Safe to run any time."
    )

    def handle(self, *args, **options):
        before = follow_ups.FollowUp.objects.count()
        follow_ups.refresh_all()
        open_now = follow_ups.FollowUp.objects.open().count()
        created = follow_ups.FollowUp.objects.count() - before
        self.stdout.write(f"Wiedervorlagen abgeglichen: {created} neu, {open_now} offen.")
