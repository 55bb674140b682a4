"""Deleting an account once a coordinator confirms: nothing personal is left anywhere."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from cms.badges.models import Badge, BadgeKind
from cms.badges.services import issue_badge, set_badge_photo
from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory
from cms.members.models import EqualityMonitoring, MemberProfile, StatusChange, SupervisionReview
from cms.privacy.models import DeletionRequest
from cms.privacy.services import DeletionNotAllowed, confirm_deletion, request_deletion
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

PERSONAL = {
    "email": "zebedee.quartermaine@example.org",
    "first_name": "Zebedee",
    "last_name": "Quartermaine",
    "phone": "07700 900999",
    "address": "99 Unusual Lane",
    "emergency_contact_name": "Philomena Xander",
}
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00"
    b"\x00IEND\xaeB`\x82"
)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def person(coordinator):
    user = UserFactory(
        email=PERSONAL["email"], first_name=PERSONAL["first_name"], last_name=PERSONAL["last_name"]
    )
    profile = ActiveMemberFactory(
        user=user,
        phone=PERSONAL["phone"],
        address=PERSONAL["address"],
        emergency_contact_name=PERSONAL["emergency_contact_name"],
        biography="Zebedee's story",
    )
    EqualityMonitoring.objects.create(user=user, age_band="45-54", ethnicity="Prefer not to say")
    StatusChange.objects.create(member=profile, from_status="induction", to_status="active")
    SupervisionReview.objects.create(
        member=profile,
        held_on=dt.date(2026, 1, 5),
        next_due_on=dt.date(2026, 3, 5),
        reviewer=coordinator,
        notes="Zebedee is doing well",
    )
    set_badge_photo(member=profile, photo=SimpleUploadedFile("me.png", PNG, "image/png"))
    issue_badge(member=profile, kind=BadgeKind.PARKING)
    return profile


def _rows_holding(needles: list[str]) -> list[str]:
    """Every row of every model with a text value containing one of ``needles``."""
    found = []
    for model in apps.get_models():
        text_fields = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        if not text_fields:
            continue
        for row in model._base_manager.values_list("pk", *[f.attname for f in text_fields]):
            for value in row[1:]:
                text = str(value or "").lower()
                for needle in needles:
                    if needle.lower() in text:
                        found.append(f"{model._meta.label}#{row[0]} holds {needle!r}")
    return found


def test_confirmed_deletion_leaves_no_personal_data(
    person, coordinator, private_media, django_capture_on_commit_callbacks
):
    other = ActiveMemberFactory(user=UserFactory(email="stays@example.org"))
    photo_path = private_media / Badge.objects.exclude(photo="").get().photo.name
    assert photo_path.exists()
    assert _rows_holding(list(PERSONAL.values())), "the fixture should hold the personal data"

    deletion = request_deletion(user=person.user)
    assert _rows_holding([PERSONAL["email"]]), "nothing is removed until a coordinator confirms"
    with django_capture_on_commit_callbacks(execute=True):
        done = confirm_deletion(deletion_request=deletion, by=coordinator)

    assert _rows_holding(list(PERSONAL.values())) == []
    user = type(person.user).objects.get(pk=person.user.pk)
    assert not user.is_active
    assert not user.has_usable_password()
    assert user.email.endswith("@deleted.invalid")
    assert (user.first_name, user.last_name) == ("", "")
    stub = MemberProfile.objects.get(pk=person.pk)
    assert stub.status == Status.WITHDRAWN
    assert stub.biography == "" and stub.phone == "" and stub.available_days == []
    assert not Badge.objects.filter(member=stub).exists()
    assert not EqualityMonitoring.objects.filter(user=user).exists()
    assert not StatusChange.objects.filter(member=stub).exists()
    assert not SupervisionReview.objects.filter(member=stub).exists()
    assert not photo_path.exists(), "the badge photo file is removed too"
    # The record of the request is kept, confirmed and attributed.
    assert (done.confirmed_by, done.completed_at is not None) == (coordinator, True)
    assert DeletionRequest.objects.filter(user=user).count() == 1
    # Nobody else is touched; the coordinator who held the review is still there.
    other.refresh_from_db()
    assert other.user.email == "stays@example.org" and other.phone
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_confirming_twice_is_harmless(person, coordinator):
    deletion = request_deletion(user=person.user)
    confirm_deletion(deletion_request=deletion, by=coordinator)
    first = type(person.user).objects.get(pk=person.user.pk).email
    confirm_deletion(deletion_request=deletion, by=coordinator)
    assert type(person.user).objects.get(pk=person.user.pk).email == first


def test_an_administrators_account_is_not_deleted_here(administrator, coordinator):
    deletion = request_deletion(user=administrator)
    with pytest.raises(DeletionNotAllowed):
        confirm_deletion(deletion_request=deletion, by=coordinator)
    administrator.refresh_from_db()
    assert administrator.is_active


@pytest.mark.parametrize("who", [None, "member", "editor", "finance_user"])
def test_only_coordinators_see_and_confirm_deletion_requests(client, request, person, who):
    deletion = request_deletion(user=person.user)
    if who:
        client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("privacy_admin:index"),
        reverse("privacy_admin:confirm", args=[deletion.pk]),
        reverse("privacy_admin:confirm", args=[deletion.pk + 1]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert PERSONAL["email"].encode() not in response.content
    client.post(reverse("privacy_admin:confirm", args=[deletion.pk]))
    deletion.refresh_from_db()
    assert deletion.completed_at is None
    person.user.refresh_from_db()
    assert person.user.is_active


def test_a_coordinator_confirms_in_the_admin(client, person, coordinator):
    deletion = request_deletion(user=person.user)
    client.force_login(coordinator)
    listing = client.get(reverse("privacy_admin:index"))
    assert listing.status_code == 200
    assert PERSONAL["email"].encode() in listing.content
    confirm_url = reverse("privacy_admin:confirm", args=[deletion.pk])
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    deletion.refresh_from_db()
    assert deletion.completed_at is not None and deletion.confirmed_by == coordinator
    assert _rows_holding([PERSONAL["email"], PERSONAL["last_name"]]) == []
    # A completed request cannot be confirmed again.
    assert client.get(confirm_url).status_code == 404
