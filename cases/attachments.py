"""Documents on a case: what may be uploaded (checked by content, not by name), storing, serving
and deleting them. Only readers with full access open a document; every download is audited."""

import hashlib
import re
import unicodedata

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from cases.models import Attachment
from sozialraum import audit
from sozialraum.models import AuditAction
from sozialraum.types import Staff

# What a caseworker files: PDFs, photos and scans, office documents. Never anything a browser
# or the desktop would run or render as a page (HTML, SVG, executables, macros).
ALLOWED_TYPES = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
}
SNIFF_BYTES = 8192


def detected_type(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    # (Office documents are ZIP files: filetype tells them apart by the member names at the start.)
    kind = filetype.guess(head)
    return kind.mime if kind is not None else None


def check_upload(upload: UploadedFile) -> str:
    """The content type of an acceptable upload; a ValidationError in German otherwise."""
    limit = settings.ATTACHMENT_MAX_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB. Scan it with a lower resolution or split it.")
            % {"limit": settings.ATTACHMENT_MAX_MB},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    mime = detected_type(upload)
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("Only PDF, PNG, JPEG and office documents (DOCX, XLSX, ODT, ODS) can be filed; this file is not one."),
            code="type",
        )
    return mime


def safe_name(name: str, mime: str) -> str:
    """The file name for downloads: plain characters, no path, the extension of the real type."""
    stem = unicodedata.normalize("NFKC", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).rsplit(".", 1)[0]
    stem = re.sub(r"[\x00-\x1f\x7f]", "", stem)
    stem = get_valid_filename(stem) if stem.strip(" .") else ""
    return f"{(stem or 'dokument')[:100]}{ALLOWED_TYPES[mime]}"


def digest(upload: UploadedFile) -> str:
    sha = hashlib.sha256()
    for chunk in upload.chunks():
        sha.update(chunk)
    upload.seek(0)
    return sha.hexdigest()


def case_of(document) -> int | None:
    """A case's document names its case in the audit trail; a meeting's has none."""
    return getattr(document, "case_id", None)


@transaction.atomic
def file_document(user: Staff, attachment, upload: UploadedFile):
    """Store a checked upload for a case's document (Attachment) or a meeting's (MeetingAttachment)."""
    mime = check_upload(upload)
    attachment.original_name = safe_name(upload.name or "", mime)
    attachment.content_type = mime
    attachment.size = upload.size
    attachment.sha256 = digest(upload)
    attachment.uploaded_by = user
    attachment.file.save(attachment.original_name, upload, save=False)
    try:
        attachment.save()
    except Exception:  # no record: the file must not stay behind
        attachment.file.storage.delete(attachment.file.name)
        raise
    audit.log(user, AuditAction.CREATE, attachment, case_id=case_of(attachment))
    return attachment


@transaction.atomic
def remove_document(user: Staff, attachment) -> None:
    audit.log(user, AuditAction.DELETE, attachment, case_id=case_of(attachment))
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def log_download(user: Staff, attachment) -> None:
    audit.log(user, AuditAction.EXPORT, attachment, case_id=case_of(attachment), details={"download": True})


def download(user: Staff, document):
    """The file as an audited download that no cache keeps and no browser renders."""
    from django.http import FileResponse, Http404

    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    log_download(user, document)
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def erase_documents(case_ids: list[int]) -> None:
    """Retention: the files of erased cases go, with their records."""
    documents = list(Attachment.objects.filter(case__in=case_ids))
    names = [(document.file.storage, document.file.name) for document in documents]
    Attachment.objects.filter(pk__in=[document.pk for document in documents]).delete()

    def delete_files():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)
