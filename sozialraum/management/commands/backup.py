"""`manage.py backup [FILE]`: the database and the stored report files in one archive (sozialraum.backup)."""

from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sozialraum.backup import BackupError, backup
from sozialraum.formats import format_number


class Command(BaseCommand):
    help = "Write the database and MEDIA_ROOT into one archive (readable for its owner only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            help="Archive to write (default: var/backups/sozialraum-YYYYMMDD-HHMMSS.tar.gz).",
        )

    def handle(self, *args, file=None, **options):
        target = (
            Path(file)
            if file
            else settings.BASE_DIR / "var" / "backups" / (f"sozialraum-{datetime.now():%Y%m%d-%H%M%S}.tar.gz")
        )
        try:
            description = backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        tables = description["tables"]
        self.stdout.write(
            f"Gesichert nach {target}: {len(tables)} Tabellen, {format_number(sum(tables.values()))} Zeilen, "
            f"{format_number(description['audit']['events'])} Audit-Ereignisse, "
            f"{format_number(description['media_files'])} gespeicherte Dateien. "
            "Das Archiv enthält alle Sozialdaten: verschlüsselt aufbewahren."
        )
