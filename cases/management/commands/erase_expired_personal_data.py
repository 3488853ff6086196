from django.core.management.base import BaseCommand

from cases.retention import erase_expired_personal_data
from sozialraum.submissions import forget_old_submissions


class Command(BaseCommand):
    help = "Erase the personal data of closed cases whose retention period has ended (run it daily)."

    def handle(self, *args, **options):
        count = erase_expired_personal_data()
        self.stdout.write(f"Personenbezogene Daten von {count} Fällen nach Ablauf der Aufbewahrungsfrist gelöscht.")
        forgotten = forget_old_submissions()
        self.stdout.write(f"{forgotten} gespeicherte Formularantworten älter als 12 Stunden gelöscht.")
