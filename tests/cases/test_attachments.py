"""Documents on a case (issue 17): the type is read from the content, the size is limited, only
readers with full access open them (audited, never cached, always as a download), and they are
part of the Art. 15 export and of the retention erasure."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases import services
from cases.constants import CaseStatus
from cases.models import Attachment
from cases.retention import erase_expired_personal_data
from sozialraum.models import AuditEvent

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(client, case, content: bytes, name: str, **fields):
    data = {"title": "Unterschriebene Einwilligung", "kind": "consent", "document_date": "2026-11-20"}
    data.update(fields)
    data["upload"] = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("cases:attachment_add", args=[case.reference]), data)


def test_a_pdf_is_filed_under_a_random_name_and_audited(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    response = upload(client, case, PDF, "Einwilligung Müller.pdf")
    assert response.status_code == 302
    document = Attachment.objects.get(case=case)
    assert document.content_type == "application/pdf" and document.original_name == "Einwilligung_Müller.pdf"
    assert "Müller" not in document.file.name and document.file.name.startswith("dokumente/")
    assert AuditEvent.objects.filter(object_type="cases.attachment", object_id=document.pk, action="create").exists()


@pytest.mark.parametrize(
    "content, name",
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "bescheid.pdf"),  # a renamed Windows program
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "scan.png"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "bild.svg"),
        (b"<html><body><script>alert(1)</script></body></html>", "brief.pdf"),
        (b"", "leer.pdf"),
    ],
)
def test_what_is_not_a_document_is_refused_with_the_input_kept(client, case, sgb2_worker, content, name):
    client.force_login(sgb2_worker)
    response = upload(client, case, content, name, title="Mein Titel")
    html = response.content.decode()
    assert response.status_code == 200 and not Attachment.objects.exists()
    assert "Nur PDF, PNG, JPEG und Office-Dokumente" in html or "Datei ist leer" in html
    assert 'value="Mein Titel"' in html


def test_a_file_over_the_limit_is_refused(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    big = PDF + b"0" * (21 * 1024 * 1024)
    response = upload(client, case, big, "gross.pdf")
    assert response.status_code == 200 and "größer als 20 MB" in response.content.decode()
    assert not Attachment.objects.exists()


def test_office_documents_and_images_are_accepted(client, case, sgb2_worker):
    client.force_login(sgb2_worker)
    assert upload(client, case, docx_bytes(), "bericht.docx", kind="report").status_code == 302
    assert upload(client, case, PNG, "foto.PNG", kind="other").status_code == 302
    assert sorted(Attachment.objects.values_list("original_name", flat=True)) == ["bericht.docx", "foto.png"]


def test_only_full_access_opens_a_document_always_as_a_download_and_audited(
    client, case, sgb2_worker, sgb2_colleague, sgb8_worker, outsider, planner
):
    client.force_login(sgb2_worker)
    upload(client, case, PDF, "einwilligung.pdf")
    document = Attachment.objects.get()
    url = reverse("cases:attachment_download", args=[case.reference, document.pk])
    for user, status in (
        (sgb2_worker, 200),
        (sgb2_colleague, 200),
        (sgb8_worker, 403),
        (outsider, 404),
        (planner, 404),
    ):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status, user
        if status == 200:
            assert b"".join(response.streaming_content) == PDF
            assert response["Content-Disposition"].startswith("attachment;")
            assert "no-store" in response["Cache-Control"]
    downloads = AuditEvent.objects.filter(object_type="cases.attachment", object_id=document.pk, action="export")
    assert downloads.count() == 2
    # The pseudonymised reader sees that a document exists, not its title.
    client.force_login(sgb8_worker)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Einwilligung" in page and "Unterschriebene Einwilligung" not in page and url not in page


def test_documents_are_in_the_art_15_export_and_gone_after_the_retention_period(
    client, case, sgb2_worker, django_capture_on_commit_callbacks
):
    client.force_login(sgb2_worker)
    upload(client, case, PDF, "einwilligung.pdf")
    document = Attachment.objects.get()
    storage, name = document.file.storage, document.file.name
    response = client.get(reverse("cases:subject_access_zip", args=[case.reference]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert f"auskunft-{case.reference}.json" in archive.namelist()
    assert archive.read("dokumente/001-einwilligung.pdf") == PDF
    json_export = client.get(reverse("cases:subject_access", args=[case.reference])).json()
    assert json_export["dokumente"][0]["datei"] == "einwilligung.pdf"
    case.refresh_from_db()
    values = {
        "service_area": case.service_area,
        "caseworker": case.caseworker,
        "topics": case.topics,
        "phase": case.phase,
        "will": case.will,
        "status": CaseStatus.CLOSED,
        "closed_on": case.opened_on,
        "closing_reason": "goals_reached",
    }
    services.update_case(sgb2_worker, case, values, case.version)
    with django_capture_on_commit_callbacks(execute=True):
        assert erase_expired_personal_data(today=date(2090, 1, 1)) == 1
    assert not Attachment.objects.filter(case=case).exists() and not storage.exists(name)


def test_removing_a_document_deletes_its_file_once(client, case, sgb2_worker, django_capture_on_commit_callbacks):
    client.force_login(sgb2_worker)
    upload(client, case, PDF, "einwilligung.pdf")
    document = Attachment.objects.get()
    storage, name = document.file.storage, document.file.name
    url = reverse("cases:attachment_delete", args=[case.reference, document.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # a second click finds nothing
    assert not Attachment.objects.exists() and not storage.exists(name)
    assert AuditEvent.objects.filter(object_type="cases.attachment", action="delete").count() == 1
