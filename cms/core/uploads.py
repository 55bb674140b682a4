"""Member uploads and private downloads, checked the same way everywhere.

Uploads (receipts, badge photos, session papers) are accepted by what the file *is*, read
from its first bytes, never by its name or the type the browser claims; they have a size
limit; and when a ClamAV daemon is configured (``CLAMAV_SOCKET``, or ``CLAMAV_HOST`` and
``CLAMAV_PORT``) every upload is streamed to it and refused if it finds anything.

Private files go back out only through views that check permission, with
``private_file_response``: always a download (``Content-Disposition: attachment``), never
sniffed as another type, and sandboxed by its own content security policy, so a file that
slipped through can never run as a page of ours.
"""

from __future__ import annotations

import socket
import struct
import zipfile
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx", ODT: "odt"}
# How people know these types, for error messages.
PLAIN_NAMES = {
    PDF: "PDF",
    JPEG: "JPEG",
    PNG: "PNG",
    DOCX: "Word (.docx)",
    ODT: "OpenDocument (.odt)",
}

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
CHUNK_BYTES = 64 * 1024
CLAMAV_TIMEOUT_SECONDS = 30


class VirusScanError(Exception):
    """The virus scanner is configured but could not give an answer."""


def max_upload_bytes() -> int:
    return int(getattr(settings, "MEMBER_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _read_head(uploaded, size: int = 262) -> bytes:
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(size)
    uploaded.seek(position)
    return head


def _zip_document_type(uploaded) -> str | None:
    """DOCX or ODT from inside the zip container (both are zip files at the first bytes)."""
    position = uploaded.tell()
    try:
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return DOCX
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError):
        return None
    finally:
        uploaded.seek(position)
    return None


def content_type_of(uploaded) -> str | None:
    """The file's real type from its content (PDF, JPEG, PNG, DOCX or ODT), or None."""
    head = _read_head(uploaded)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        return _zip_document_type(uploaded)
    return None


def _plain_list(content_types: Iterable[str]) -> str:
    names = [PLAIN_NAMES[content_type] for content_type in content_types]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def check_upload(
    uploaded,
    *,
    allowed: Iterable[str],
    max_bytes: int | None = None,
    what: str = "file",
    wrong_type_message: str = "",
) -> str:
    """The upload's real content type; a ``ValidationError`` in plain words if it is too
    big, not one of ``allowed`` (by content), or the virus scanner refuses it.

    ``max_bytes`` may lower the site-wide ``MEMBER_UPLOAD_MAX_BYTES``, never raise it."""
    allowed = tuple(allowed)
    limit = min(max_bytes or max_upload_bytes(), max_upload_bytes())
    if uploaded.size > limit:
        megabytes = limit // (1024 * 1024)
        raise ValidationError(f"The {what} must be smaller than {megabytes} MB.", code="too_big")
    if uploaded.size == 0:
        raise ValidationError(f"The {what} is empty. Choose the file again.", code="empty")
    content_type = content_type_of(uploaded)
    if content_type not in allowed:
        raise ValidationError(
            wrong_type_message or f"The {what} must be a {_plain_list(allowed)} file.",
            code="wrong_type",
        )
    scan_upload(uploaded, what=what)
    return content_type


# --- Antivirus --------------------------------------------------------------------------


def clamav_configured() -> bool:
    return bool(
        getattr(settings, "CLAMAV_SOCKET", "")
        or (getattr(settings, "CLAMAV_HOST", "") and getattr(settings, "CLAMAV_PORT", None))
    )


def _clamav_connection() -> socket.socket:
    path = getattr(settings, "CLAMAV_SOCKET", "")
    if path:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(CLAMAV_TIMEOUT_SECONDS)
        connection.connect(str(path))
        return connection
    return socket.create_connection(
        (settings.CLAMAV_HOST, int(settings.CLAMAV_PORT)), timeout=CLAMAV_TIMEOUT_SECONDS
    )


def clamav_scan(uploaded) -> str | None:
    """Stream the file to clamd (the INSTREAM command); the signature it found, or None.

    Raises ``VirusScanError`` when clamd cannot be reached or answers with an error.
    """
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    try:
        with _clamav_connection() as connection:
            connection.sendall(b"zINSTREAM\0")
            while chunk := uploaded.read(CHUNK_BYTES):
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                data = connection.recv(4096)
                if not data:
                    break
                reply += data
    except OSError as error:
        raise VirusScanError(f"clamd could not be reached: {error}") from error
    finally:
        uploaded.seek(position)
    answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
    if answer.endswith("OK"):
        return None
    if answer.endswith("FOUND"):
        return answer.split(":", 1)[-1].removesuffix("FOUND").strip()
    raise VirusScanError(f"clamd answered {answer!r}")


def scan_upload(uploaded, *, what: str = "file") -> None:
    """Refuse an infected upload; nothing happens when no scanner is configured.

    If a scanner is configured but does not answer, the upload is refused too: a file
    nobody could check must not reach finance staff or other members.
    """
    if not clamav_configured():
        return
    try:
        found = clamav_scan(uploaded)
    except VirusScanError as error:
        raise ValidationError(
            f"We could not check the {what} for viruses just now. Try again in a few minutes.",
            code="scan_failed",
        ) from error
    if found:
        raise ValidationError(
            f"The {what} contains a virus, so we cannot accept it. "
            "Check your device for viruses, then upload a clean copy.",
            code="infected",
        )


# --- Downloads --------------------------------------------------------------------------


def harden_file_response(response: HttpResponse) -> HttpResponse:
    """Headers every private file response carries: never sniffed, never run as a page,
    never stored by a shared cache."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def private_file_response(data: bytes, *, content_type: str, filename: str) -> HttpResponse:
    """A private file as a download, with the headers of ``harden_file_response``."""
    safe_name = "".join(c for c in filename if c.isalnum() or c in "-_.") or "download"
    response = HttpResponse(data, content_type=content_type or "application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    return harden_file_response(response)
