"""`manage.py restore FILE`: replace the database and the stored files with a backup's (sozialraum.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sozialraum.backup import BackupError, restore
from sozialraum.formats import format_number


class Command(BaseCommand):
    help = "Replace every table and the stored files with those of a backup archive, then verify them."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Archive written by `manage.py backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask; the current data is replaced without a question."
        )

    def handle(self, *args, file, yes=False, **options):
        source = Path(file)
        if not source.is_file():
            raise CommandError(f"{source} gibt es nicht.")
        if not yes:
            answer = input(
                "Alle Daten der Datenbank werden durch die Sicherung ersetzt. "
                "Web-App und Berichts-Worker vorher anhalten. Fortfahren? [ja/nein] "
            )
            if answer.strip().lower() not in {"ja", "j", "yes", "y"}:
                raise CommandError("Abgebrochen, nichts geändert.")
        try:
            result = restore(source)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Wiederhergestellt aus {source}: {result.tables} Tabellen, {format_number(result.rows)} Zeilen "
            f"und {format_number(result.audit_events)} Audit-Ereignisse wie gesichert, Audit-Kette unversehrt, "
            f"{format_number(result.media_files)} gespeicherte Dateien. "
            "Danach `manage.py migrate`, falls die Sicherung von einer älteren Version stammt."
        )
