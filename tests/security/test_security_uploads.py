"""Uploads are checked by content, size and (when configured) a virus scanner; private
files go out only as sandboxed downloads through views that check permission."""

import socket
import struct
import tempfile
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client
from django.urls import get_resolver, reverse
from url_access_declarations import build_world

from cms.badges.forms import BadgePhotoForm
from cms.badges.storage import PrivateStorage
from cms.claims import services as claim_services
from cms.core import uploads
from cms.participation.papers import file_problem

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- Type by content, and size ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF, uploads.PDF),
        (PNG, uploads.PNG),
        (JPEG, uploads.JPEG),
        (b"<html><script>alert(1)</script></html>", None),
        (b"MZ\x90\x00", None),
        (b"PK\x03\x04 not really a zip", None),
        (b"", None),
    ],
)
def test_the_type_comes_from_the_content(content, expected):
    assert uploads.content_type_of(upload("anything.pdf", content)) == expected


def test_a_page_named_like_a_pdf_is_refused():
    html = upload("receipt.pdf", b"<script>alert(1)</script>", "application/pdf")
    with pytest.raises(ValidationError, match="must be a PDF"):
        uploads.check_upload(html, allowed=(uploads.PDF,), what="receipt")


def test_the_site_wide_size_limit_applies(settings):
    settings.MEMBER_UPLOAD_MAX_BYTES = 1024 * 1024
    big = upload("big.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError, match="smaller than 1 MB"):
        # A larger per-upload limit cannot raise the site-wide one.
        uploads.check_upload(big, allowed=(uploads.PDF,), max_bytes=50 * 1024 * 1024)


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        uploads.check_upload(upload("a.pdf", b""), allowed=(uploads.PDF,))


# --- The antivirus hook, against a fake clamd ------------------------------------------------


class FakeClamd:
    """Speaks clamd's INSTREAM protocol on a unix socket; finds EICAR, passes the rest."""

    def __init__(self, path: Path):
        self.path = path
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        self.server.listen(5)
        self.scanned: list[bytes] = []
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def _read_exactly(self, connection, size):
        data = b""
        while len(data) < size:
            chunk = connection.recv(size - len(data))
            if not chunk:
                raise ConnectionError
            data += chunk
        return data

    def serve(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                command = b""
                while not command.endswith(b"\0"):
                    command += connection.recv(1)
                assert command == b"zINSTREAM\0"
                body = b""
                while True:
                    (length,) = struct.unpack("!L", self._read_exactly(connection, 4))
                    if length == 0:
                        break
                    body += self._read_exactly(connection, length)
                self.scanned.append(body)
                found = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in body
                connection.sendall(b"stream: Eicar-Signature FOUND\0" if found else b"stream: OK\0")

    def close(self):
        self.server.close()


@pytest.fixture
def clamd(settings):
    # Unix socket paths must be short; pytest's tmp_path can be too long.
    with tempfile.TemporaryDirectory(prefix="clamd-") as folder:
        fake = FakeClamd(Path(folder) / "clamd.sock")
        settings.CLAMAV_SOCKET = str(fake.path)
        yield fake
        fake.close()


def test_without_a_scanner_nothing_is_scanned(settings):
    settings.CLAMAV_SOCKET = ""
    settings.CLAMAV_HOST = ""
    assert not uploads.clamav_configured()
    uploads.scan_upload(upload("a.pdf", PDF + EICAR))


def test_a_clean_file_passes_the_scanner(clamd):
    assert uploads.check_upload(upload("a.pdf", PDF), allowed=(uploads.PDF,)) == uploads.PDF
    assert clamd.scanned == [PDF]


def test_an_infected_file_is_refused(clamd):
    with pytest.raises(ValidationError, match="contains a virus"):
        uploads.check_upload(upload("a.pdf", PDF + EICAR), allowed=(uploads.PDF,))


def test_a_large_file_is_streamed_in_chunks(clamd):
    content = PDF + b"x" * (3 * uploads.CHUNK_BYTES + 5)
    uploads.check_upload(upload("a.pdf", content), allowed=(uploads.PDF,))
    assert clamd.scanned == [content]


def test_an_unreachable_scanner_refuses_the_upload(settings, tmp_path):
    settings.CLAMAV_SOCKET = str(tmp_path / "nobody-listens.sock")
    with pytest.raises(ValidationError, match="could not check"):
        uploads.check_upload(upload("a.pdf", PDF), allowed=(uploads.PDF,))


def test_the_badge_photo_form_refuses_an_infected_photo(clamd):
    form = BadgePhotoForm(data={}, files={"photo": upload("me.png", PNG + EICAR, "image/png")})
    assert not form.is_valid()
    assert "contains a virus" in form.errors["photo"][0]


def test_a_receipt_with_a_virus_is_refused(clamd):
    with pytest.raises(claim_services.ClaimError, match="contains a virus"):
        claim_services.check_receipt(upload("bus.pdf", PDF + EICAR))


def test_a_session_paper_with_a_virus_is_refused(clamd):
    assert "contains a virus" in file_problem(upload("agenda.pdf", PDF + EICAR))
    assert file_problem(upload("agenda.pdf", PDF)) is None


# --- Member files never go to public media -----------------------------------------------------


def test_every_file_field_of_ours_uses_private_storage():
    from django.apps import apps

    public = []
    for model in apps.get_models():
        if not model._meta.app_config.name.startswith("cms.") or model._meta.app_label == "images":
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and not isinstance(
                field.storage, PrivateStorage
            ):
                public.append(f"{model._meta.label}.{field.name}")
    assert public == []


def test_private_files_live_outside_public_media():
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    assert media not in private.parents and private != media
    served = [
        str(pattern.pattern)
        for pattern in get_resolver().url_patterns
        if "private" in str(pattern.pattern)
    ]
    assert served == []


# --- Downloads ---------------------------------------------------------------------------------


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                yield build_world()
                raise _Rollback
        except _Rollback:
            pass


def _give_owner_a_badge_photo(world):
    from django.core.files.base import ContentFile

    from cms.badges.models import Badge, BadgeKind

    badge = Badge.objects.filter(member__user=world["owner"], kind=BadgeKind.PHOTO_ID).first()
    if badge is None:
        pytest.skip("the demo member has no photo badge")
    if not badge.photo:
        badge.photo.save("photo.png", ContentFile(PNG), save=True)


DOWNLOADS = {
    "member's own receipt": ("owner", "members:claims:receipt", {"line_id": "line"}),
    "finance reads a receipt": (
        "finance",
        "claims_admin:receipt",
        {"line_id": "submitted_line"},
    ),
    "member's badge photo": ("owner", "members:badges:photo", {}),
    "badge PDF": ("owner", "members:badges:download", {"kind": "photo-id"}),
    "session paper": ("coordinator", "members:feedback:paper", {"pk": "paper"}),
    "tax-year statement": ("owner", "members:claims:statement", {"year": 2025}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", DOWNLOADS)
def test_private_files_are_sandboxed_downloads(world, case):
    who, name, params = DOWNLOADS[case]
    kwargs = {key: world.get(value, value) for key, value in params.items()}
    if name == "members:badges:photo":
        _give_owner_a_badge_photo(world)
    user = world["owner"] if who == "owner" else world["users"][who]
    client = Client()
    client.force_login(user)

    response = client.get(reverse(name, kwargs=kwargs))

    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "no-store" in response["Cache-Control"]
