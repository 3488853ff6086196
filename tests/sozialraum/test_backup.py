"""Backup and restore (issue 14): one archive with the database and the stored files; a restore
brings back every row and the audit chain exactly as backed up."""

import io
import json
import stat
import tarfile

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from cases import services
from cases.constants import PersonRole
from cases.models import Case, Person
from sozialraum.audit import verify_chain
from sozialraum.models import AuditAction, AuditEvent
from tests.helpers import PERSON


def table_rows() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        tables = [name for (name,) in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    report = settings.MEDIA_ROOT / "reports" / "2026" / "sozialbericht.pdf"
    report.parent.mkdir(parents=True)
    report.write_bytes(b"%PDF-1.7 a stored report")
    return report


def another_case(like: Case) -> Case:
    new_case = Case(
        team=like.team,
        legal_area=like.legal_area,
        service_area=like.service_area,
        caseworker=like.caseworker,
        topics=["work"],
        will="Ich will wieder arbeiten.",
        opened_on=like.opened_on,
    )
    return services.open_case(like.caseworker, new_case, Person(role=PersonRole.MAIN, **PERSON))


def run(command, *args, **options):
    out = io.StringIO()
    call_command(command, *args, stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_every_row_the_files_and_the_audit_chain(case, media, tmp_path):
    archive = tmp_path / "sicherung.tar.gz"
    before = table_rows()
    chain_before = verify_chain()

    assert "Das Archiv enthält alle Sozialdaten" in run("backup", str(archive))
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # social data: for its owner only
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
        assert "media/reports/2026/sozialbericht.pdf" in opened.getnames()
    assert manifest["tables"] == before
    assert manifest["audit"] == {"events": chain_before.events, "last_hash": chain_before.last_hash}

    # Life goes on after the backup: a second case, a lost report file.
    another_case(case)
    media.unlink()
    assert Case.objects.count() == 2

    output = run("restore", str(archive), yes=True)
    assert "Audit-Kette unversehrt" in output

    after = table_rows()
    restore_event = AuditEvent.objects.order_by("-id").first()
    assert restore_event.action == AuditAction.RESTORE
    # Every table as backed up (the backup's own event came after its snapshot); the restore's event on top.
    assert {**after, "sozialraum_auditevent": after["sozialraum_auditevent"] - 1} == before
    assert Case.objects.get().reference == case.reference
    assert media.read_bytes() == b"%PDF-1.7 a stored report"
    chain = verify_chain()
    assert chain.intact and chain.events == chain_before.events + 1
    # The app role has its rights again: it can write, and still cannot rewrite the trail.
    another_case(case)
    assert Case.objects.count() == 2
    with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM sozialraum_auditevent")


@pytest.mark.django_db(transaction=True)
def test_a_broken_archive_changes_nothing(case, media, tmp_path):
    broken = tmp_path / "kaputt.tar.gz"
    manifest = json.dumps({"format": 1, "tables": {}, "audit": {}, "created_at": "2026-11-22T10:00:00+00:00"}).encode()
    with tarfile.open(broken, "w:gz") as archive:
        for name, data in (("manifest.json", manifest), ("database.dump", b"not a dump")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    before = table_rows()
    with pytest.raises(CommandError, match="pg_restore ist fehlgeschlagen"):
        run("restore", str(broken), yes=True)
    assert table_rows() == before

    not_a_backup = tmp_path / "liste.tar.gz"
    with tarfile.open(not_a_backup, "w:gz"):
        pass
    with pytest.raises(CommandError, match="kein lesbares manifest.json"):
        run("restore", str(not_a_backup), yes=True)


def test_a_server_older_than_postgresql_15_is_refused_before_migrating(db):
    from sozialraum.checks import server_version_errors

    assert server_version_errors(connection.pg_version) == []  # the server the suite runs on
    (error,) = server_version_errors(140012)
    assert "PostgreSQL 14.12 is too old" in error.msg
    assert server_version_errors(150000) == []


@pytest.mark.parametrize("content", [b"", b"\x1f\x8b\x08\x00 cut off", b"%PDF-1.7"])
def test_a_file_that_is_no_archive_gets_a_german_message(db, tmp_path, content):
    source = tmp_path / "sicherung.tar.gz"
    source.write_bytes(content)
    with pytest.raises(CommandError, match="kein lesbares Sicherungsarchiv"):
        run("restore", str(source), yes=True)
