import pytest
from django.urls import reverse

from cms.badges.models import BadgeKind
from cms.badges.services import issue_badge

pytestmark = pytest.mark.django_db


@pytest.fixture
def badge(active_profile):
    return issue_badge(member=active_profile, kind=BadgeKind.PHOTO_ID)


def _urls(badge):
    return [reverse("badges_admin:index"), reverse("badges_admin:revoke", args=[badge.pk])]


@pytest.mark.parametrize("who", [None, "member", "editor", "finance_user"])
def test_only_coordinators_get_in_whatever_the_id(client, request, badge, who):
    if who:
        client.force_login(request.getfixturevalue(who))
    for url in _urls(badge) + [reverse("badges_admin:revoke", args=[badge.pk + 999])]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert badge.code.encode() not in response.content
    response = client.post(_urls(badge)[1], {"reason": "Not mine to revoke"})
    assert response.status_code in (302, 403)
    badge.refresh_from_db()
    assert badge.revoked_at is None


@pytest.mark.parametrize("who", ["coordinator", "administrator"])
def test_a_coordinator_lists_and_revokes_a_badge(client, request, badge, who):
    staff = request.getfixturevalue(who)
    client.force_login(staff)
    listing = client.get(reverse("badges_admin:index"))
    assert listing.status_code == 200
    assert badge.code.encode() in listing.content
    assert client.get(reverse("badges_admin:index"), {"q": badge.code}).status_code == 200

    revoke_url = reverse("badges_admin:revoke", args=[badge.pk])
    assert client.get(revoke_url).status_code == 200
    missing_reason = client.post(revoke_url, {"reason": ""})
    assert missing_reason.status_code == 200
    badge.refresh_from_db()
    assert badge.revoked_at is None

    response = client.post(revoke_url, {"reason": "Lost on the bus"})
    assert response.status_code == 302
    badge.refresh_from_db()
    assert badge.revoked_at is not None
    assert badge.revoked_by == staff
    assert badge.revoke_reason == "Lost on the bus"


def test_the_menu_item_shows_only_to_coordinators(client, coordinator, editor):
    client.force_login(coordinator)
    assert (
        reverse("badges_admin:index").encode() in client.get(reverse("wagtailadmin_home")).content
    )
    client.force_login(editor)
    assert (
        reverse("badges_admin:index").encode()
        not in client.get(reverse("wagtailadmin_home")).content
    )
