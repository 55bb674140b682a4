"""Issuing and revoking badges. Views, admin hooks and tasks call these, never ``save()``."""

from django.db import transaction
from django.utils import timezone

from cms.members.choices import Status
from cms.members.models import MemberProfile

from .models import Badge, BadgeKind, normalise_code


class BadgeNotAllowed(Exception):
    """A badge cannot be issued; the message says why, in words for the person."""


def issue_badge(*, member: MemberProfile, kind: str, by=None) -> Badge:
    """The member's current badge of this kind, issuing a new one only if none is valid.

    Only active members get badges. A new badge keeps the photo of the last one.
    """
    if kind not in BadgeKind.values:
        raise BadgeNotAllowed("There is no badge of that kind.")
    if member.status != Status.ACTIVE:
        raise BadgeNotAllowed(
            "Badges and parking permits are only for active members. "
            "Please contact the involvement team if you think this is wrong."
        )
    with transaction.atomic():
        # Lock the member's row so two clicks at once cannot issue two badges.
        MemberProfile.objects.select_for_update().filter(pk=member.pk).first()
        existing = Badge.objects.current().filter(member=member, kind=kind).first()
        if existing:
            return existing
        previous = Badge.objects.filter(member=member, kind=kind).exclude(photo="").first()
        return Badge.objects.create(
            member=member,
            kind=kind,
            issued_by=by,
            photo=previous.photo.name if previous else "",
        )


def set_badge_photo(*, member: MemberProfile, photo, by=None) -> Badge:
    """Put ``photo`` (already validated) on the member's current photo ID badge."""
    badge = issue_badge(member=member, kind=BadgeKind.PHOTO_ID, by=by)
    badge.photo = photo
    badge.save(update_fields=["photo"])
    return badge


def revoke_badge(*, badge: Badge, by, reason: str = "") -> Badge:
    """Stop a badge being valid from now on; revoking twice keeps the first record."""
    if badge.revoked_at:
        return badge
    badge.revoked_at = timezone.now()
    badge.revoked_by = by
    badge.revoke_reason = reason.strip()
    badge.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return badge


def find_badge(code: str) -> Badge | None:
    """The badge with this printed code (spaces, dashes and case ignored), or None."""
    code = normalise_code(code)
    if not code:
        return None
    return Badge.objects.select_related("member__user").filter(code=code).first()
