import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cms.badges.models import Badge, BadgeKind
from cms.badges.services import issue_badge, revoke_badge
from cms.members.factories import ActiveMemberFactory
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("members:badges:index")
PHOTO = reverse("members:badges:photo")
PDF_PHOTO_ID = reverse("members:badges:download", args=["photo-id"])
PDF_PARKING = reverse("members:badges:download", args=["parking-permit"])
MEMBER_URLS = [INDEX, PHOTO, PDF_PHOTO_ID, PDF_PARKING]


@pytest.mark.parametrize("url", MEMBER_URLS)
def test_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("url", [INDEX, PDF_PHOTO_ID, PDF_PARKING])
def test_people_who_are_not_active_members_are_refused(client, applicant_profile, url):
    client.force_login(applicant_profile.user)
    response = client.get(url)
    assert response.status_code == 403
    assert b"Badges are for active members" in response.content
    assert not Badge.objects.exists()


@pytest.mark.parametrize("who", ["editor", "finance_user", "coordinator"])
def test_staff_without_a_member_record_get_no_badge(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(PDF_PHOTO_ID).status_code == 403
    assert client.get(PHOTO).status_code == 404
    assert not Badge.objects.exists()


def test_an_active_member_downloads_their_own_badge_and_permit(client, active_profile):
    client.force_login(active_profile.user)
    page = client.get(INDEX)
    assert page.status_code == 200
    assert b"Download your photo ID badge" in page.content

    response = client.get(PDF_PHOTO_ID)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    badge = Badge.objects.get(kind=BadgeKind.PHOTO_ID)
    assert badge.member == active_profile
    assert badge.code in response["Content-Disposition"]

    # Downloading again prints the same badge, not a new one.
    client.get(PDF_PHOTO_ID)
    assert Badge.objects.filter(kind=BadgeKind.PHOTO_ID).count() == 1

    permit = client.get(PDF_PARKING)
    assert permit.status_code == 200 and permit.content.startswith(b"%PDF")
    assert Badge.objects.filter(member=active_profile, kind=BadgeKind.PARKING).count() == 1


@pytest.mark.parametrize("kind", BadgeKind.values)
def test_the_badge_shows_who_what_until_when_and_how_to_check(active_profile, settings, kind):
    from cms.badges.pdf import badge_html
    from cms.core.models import OrganisationSettings
    from cms.members.models import InvolvementRole

    settings.SITE_URL = "https://involve.example.org"
    active_profile.roles.add(InvolvementRole.objects.create(name="Interview panel member"))
    organisation = OrganisationSettings(organisation_name="Anytown Council")
    badge = issue_badge(member=active_profile, kind=kind)
    html = badge_html(badge, organisation=organisation)
    assert "Anytown Council" in html
    assert active_profile.user.get_full_name() in html
    assert "Interview panel member" in html
    assert badge.code in html
    assert f"https://involve.example.org/check/{badge.code}/" in html
    assert badge.expires_on.strftime("%Y") in html


def test_a_member_uploads_a_photo_and_only_they_can_see_it(
    client, active_profile, png, private_media
):
    client.force_login(active_profile.user)
    response = client.post(INDEX, {"photo": SimpleUploadedFile("me.png", png, "image/png")})
    assert response.status_code == 302
    badge = Badge.objects.get(kind=BadgeKind.PHOTO_ID)
    assert badge.photo.name.startswith("badges/photos/")
    assert (private_media / badge.photo.name).exists()

    own = client.get(PHOTO)
    assert own.status_code == 200
    assert own["Content-Type"] == "image/png"
    assert own.content == png
    assert client.get(PDF_PHOTO_ID).status_code == 200

    other = ActiveMemberFactory(user=UserFactory())
    client.force_login(other.user)
    assert client.get(PHOTO).status_code == 404


def test_a_file_that_is_not_a_photo_is_refused_with_a_message(client, active_profile):
    client.force_login(active_profile.user)
    response = client.post(
        INDEX, {"photo": SimpleUploadedFile("me.png", b"GIF89a not a png", "image/png")}
    )
    assert response.status_code == 400
    assert b"There is a problem" in response.content
    assert b"must be a JPEG or PNG" in response.content
    assert not Badge.objects.exclude(photo="").exists()


def test_the_public_check_says_valid_then_revoked(client, active_profile, coordinator):
    user = active_profile.user
    badge = issue_badge(member=active_profile, kind=BadgeKind.PHOTO_ID)
    url = reverse("badge_check:check", args=[badge.code])

    response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Valid" in content
    assert f"{user.first_name} {user.last_name[0]}." in content
    assert user.last_name not in content
    assert user.email not in content
    assert "Photo ID badge" in content
    assert "Revoked" not in content

    revoke_badge(badge=badge, by=coordinator, reason="Lost")
    content = client.get(url).content.decode()
    assert "Revoked" in content
    assert "must not be used" in content
    assert "Lost" not in content  # the reason stays private


def test_the_public_check_says_expired(client, active_profile):
    badge = issue_badge(member=active_profile, kind=BadgeKind.PARKING)
    Badge.objects.filter(pk=badge.pk).update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    response = client.get(reverse("badge_check:check", args=[badge.code.lower()]))
    assert response.status_code == 200
    assert b"Expired" in response.content
    assert b"Parking permit" in response.content


def test_an_unknown_code_is_a_not_found_page(client):
    response = client.get(reverse("badge_check:check", args=["ZZZZZZZZZZ"]))
    assert response.status_code == 404
    assert b"Badge not found" in response.content
