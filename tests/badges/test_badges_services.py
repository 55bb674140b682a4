import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cms.badges.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Badge,
    BadgeKind,
    BadgeState,
    validate_photo,
)
from cms.badges.services import BadgeNotAllowed, find_badge, issue_badge, revoke_badge
from cms.members.choices import Status

pytestmark = pytest.mark.django_db


def test_issue_badge_gives_an_active_member_one_badge_per_kind(active_profile, coordinator):
    badge = issue_badge(member=active_profile, kind=BadgeKind.PHOTO_ID, by=coordinator)
    again = issue_badge(member=active_profile, kind=BadgeKind.PHOTO_ID, by=coordinator)
    permit = issue_badge(member=active_profile, kind=BadgeKind.PARKING, by=coordinator)

    assert again == badge
    assert permit != badge
    assert Badge.objects.count() == 2
    assert len(badge.code) == CODE_LENGTH
    assert set(badge.code) <= set(CODE_ALPHABET)
    assert badge.expires_on == timezone.localdate() + dt.timedelta(days=365)
    assert badge.state == BadgeState.VALID


@pytest.mark.parametrize("status", [s for s in Status if s != Status.ACTIVE])
def test_issue_badge_refuses_anyone_not_active(member, status):
    from cms.members.factories import MemberProfileFactory

    profile = MemberProfileFactory(user=member, status=status)
    with pytest.raises(BadgeNotAllowed, match="only for active members"):
        issue_badge(member=profile, kind=BadgeKind.PHOTO_ID)
    assert not Badge.objects.exists()


def test_a_revoked_or_expired_badge_is_replaced_with_a_new_code(active_profile, coordinator):
    badge = issue_badge(member=active_profile, kind=BadgeKind.PARKING)
    revoke_badge(badge=badge, by=coordinator, reason="Lost")
    badge.refresh_from_db()
    assert badge.state == BadgeState.REVOKED
    assert badge.revoked_by == coordinator
    assert badge.revoke_reason == "Lost"

    replacement = issue_badge(member=active_profile, kind=BadgeKind.PARKING)
    assert replacement.pk != badge.pk and replacement.code != badge.code

    Badge.objects.filter(pk=replacement.pk).update(
        expires_on=timezone.localdate() - dt.timedelta(days=1)
    )
    replacement.refresh_from_db()
    assert replacement.state == BadgeState.EXPIRED
    third = issue_badge(member=active_profile, kind=BadgeKind.PARKING)
    assert third.pk not in {badge.pk, replacement.pk}


def test_revoking_twice_keeps_the_first_record(active_profile, coordinator, administrator):
    badge = issue_badge(member=active_profile, kind=BadgeKind.PHOTO_ID)
    revoke_badge(badge=badge, by=coordinator, reason="Lost")
    first_time = badge.revoked_at
    revoke_badge(badge=badge, by=administrator, reason="Other")
    badge.refresh_from_db()
    assert badge.revoked_at == first_time
    assert badge.revoked_by == coordinator


def test_a_badge_is_not_valid_once_the_member_is_not_active(active_profile):
    badge = issue_badge(member=active_profile, kind=BadgeKind.PHOTO_ID)
    active_profile.status = Status.ON_HOLD
    active_profile.save()
    badge.refresh_from_db()
    assert badge.state == BadgeState.NOT_ACTIVE


def test_find_badge_ignores_case_spaces_and_dashes(active_profile):
    badge = issue_badge(member=active_profile, kind=BadgeKind.PHOTO_ID)
    messy = f" {badge.code[:5].lower()}-{badge.code[5:]} "
    assert find_badge(messy) == badge
    assert find_badge("") is None
    assert find_badge("NOTACODE22") is None


def test_photo_validation_checks_content_and_size(png):
    validate_photo(SimpleUploadedFile("me.png", png, content_type="image/png"))
    with pytest.raises(ValidationError, match="JPEG or PNG"):
        validate_photo(SimpleUploadedFile("me.png", b"<svg></svg>", content_type="image/png"))
    with pytest.raises(ValidationError, match="5 MB"):
        validate_photo(SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024)))


def test_demo_badges_are_issued_once(active_profile):
    from cms.badges.demo import load_demo_badges

    assert load_demo_badges() == 2
    assert load_demo_badges() == 0
