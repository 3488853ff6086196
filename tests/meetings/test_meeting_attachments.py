"""Files on a meeting (issue 17): added by who manages it, opened by who sees it, audited."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.models import MeetingAttachment
from sozialraum.models import AuditEvent

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def test_the_lead_files_a_document_the_team_opens_it_others_do_not(client, meeting, styrum_lead, sgb8_worker, outsider):
    client.force_login(styrum_lead)
    url = reverse("meetings:attachment_add", args=[meeting.pk])
    refused = client.post(
        url, {"title": "Programm", "upload": SimpleUploadedFile("x.pdf", b"MZ" + b"\x00" * 100)}, follow=True
    )
    assert "Nur PDF, PNG, JPEG" in refused.content.decode() and not MeetingAttachment.objects.exists()
    client.post(url, {"title": "Flyer Stadtteilfest", "upload": SimpleUploadedFile("flyer.pdf", PDF)})
    document = MeetingAttachment.objects.get()
    download = reverse("meetings:attachment_download", args=[meeting.pk, document.pk])
    client.force_login(sgb8_worker)  # a member of the team
    assert "Flyer Stadtteilfest" in client.get(meeting.get_absolute_url()).content.decode()
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client.post(url, {"title": "x", "upload": SimpleUploadedFile("y.pdf", PDF)}).status_code == 404
    client.force_login(outsider)
    assert client.get(download).status_code == 404
    assert AuditEvent.objects.filter(object_type="meetings.meetingattachment", action="export").count() == 1
