"""Photo ID badges and parking permits, each with a short code anyone can check."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from cms.core import uploads
from cms.members.choices import Status

from .storage import private_storage

# No 0/O, 1/I/L: easy to read aloud and to type from a printed card.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
BADGE_LIFETIME_DAYS = 365
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_SIGNATURES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


def generate_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def default_expiry() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=BADGE_LIFETIME_DAYS)


def photo_upload_to(instance, filename: str) -> str:
    extension = "png" if filename.lower().endswith(".png") else "jpg"
    return f"badges/photos/{secrets.token_hex(16)}.{extension}"


def photo_content_type(uploaded) -> str | None:
    """'image/jpeg' or 'image/png' from the file's first bytes, or None for anything else."""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(position)
    for signature, content_type in PHOTO_SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


def validate_photo(uploaded) -> None:
    """Only JPEG or PNG pictures up to 5 MB, checked by content, not by name, and by the
    virus scanner when one is configured."""
    uploads.check_upload(
        uploaded,
        allowed=(uploads.JPEG, uploads.PNG),
        max_bytes=MAX_PHOTO_BYTES,
        what="photo",
        wrong_type_message="The photo must be a JPEG or PNG picture.",
    )


class BadgeKind(models.TextChoices):
    PHOTO_ID = "photo_id", "Photo ID badge"
    PARKING = "parking", "Parking permit"


class BadgeState(models.TextChoices):
    VALID = "valid", "Valid"
    REVOKED = "revoked", "Revoked"
    EXPIRED = "expired", "Expired"
    NOT_ACTIVE = "not_active", "Not valid"


class BadgeQuerySet(models.QuerySet):
    def current(self) -> "BadgeQuerySet":
        """Badges that have not been revoked and have not expired."""
        return self.filter(revoked_at__isnull=True, expires_on__gte=timezone.localdate())


class Badge(models.Model):
    """A photo ID badge or parking permit issued to a member; only services change it."""

    member = models.ForeignKey(
        "members.MemberProfile", on_delete=models.CASCADE, related_name="badges"
    )
    kind = models.CharField(max_length=20, choices=BadgeKind.choices)
    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=generate_code)
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_on = models.DateField(default=default_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.TextField(blank=True)
    photo = models.FileField(
        upload_to=photo_upload_to,
        storage=private_storage,
        blank=True,
        validators=[validate_photo],
        help_text="A JPEG or PNG photo of the member, up to 5 MB. Kept private.",
    )

    objects = BadgeQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        indexes = [models.Index(fields=["member", "kind", "revoked_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.code}"

    @property
    def state(self) -> BadgeState:
        if self.revoked_at:
            return BadgeState.REVOKED
        if self.expires_on < timezone.localdate():
            return BadgeState.EXPIRED
        if self.member.status != Status.ACTIVE:
            return BadgeState.NOT_ACTIVE
        return BadgeState.VALID

    @property
    def is_valid(self) -> bool:
        return self.state == BadgeState.VALID

    @property
    def check_url(self) -> str:
        return f"{settings.SITE_URL}/check/{self.code}/"

    @property
    def holder_short_name(self) -> str:
        """First name and last initial: all the public check page shows."""
        user = self.member.user
        first = user.preferred_name or user.first_name
        initial = f"{user.last_name[:1]}." if user.last_name else ""
        return " ".join(part for part in (first, initial) if part) or "Name not given"
