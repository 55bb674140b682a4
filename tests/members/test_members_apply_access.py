"""Who can open the application pages: only a signed-in person, and only their own."""

import pytest
from django.urls import reverse

from cms.members.factories import MemberProfileFactory
from cms.members.models import MemberProfile
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

URLS = [
    reverse("members:application:task_list"),
    reverse("members:application:section", args=["about-you"]),
    reverse("members:application:section", args=["emergency-contact"]),
    reverse("members:application:check"),
    reverse("members:application:status"),
    reverse("members:application:withdraw"),
]


@pytest.mark.parametrize("url", URLS)
def test_a_visitor_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_visitor_cannot_send(client):
    response = client.post(reverse("members:application:submit"))
    assert response.url.startswith(reverse("account_login"))


@pytest.fixture
def someone_else():
    user = UserFactory(email="other@example.org", first_name="Olwen", last_name="Secret")
    return MemberProfileFactory(
        user=user,
        emergency_contact_name="Private Person",
        phone="07700 900777",
    )


def test_a_member_never_sees_another_members_answers(client, member, someone_else):
    client.force_login(member)
    for url in URLS:
        html = client.get(url, follow=True).content.decode()
        assert "Private Person" not in html
        assert "07700 900777" not in html
        assert "Olwen" not in html


@pytest.mark.parametrize("staff", ["editor", "coordinator", "finance_user", "administrator"])
def test_staff_only_see_their_own_empty_application(client, request, staff, someone_else):
    user = request.getfixturevalue(staff)
    client.force_login(user)
    for url in URLS:
        response = client.get(url, follow=True)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Private Person" not in html
        assert "07700 900777" not in html
        assert "Olwen" not in html
    # Looking never creates a record for them, and never changes anyone else's.
    assert not MemberProfile.objects.filter(user=user).exists()
    assert MemberProfile.objects.count() == 1


def test_staff_cannot_send_or_withdraw_someone_elses_application(client, coordinator, someone_else):
    client.force_login(coordinator)
    client.post(reverse("members:application:submit"))
    client.post(reverse("members:application:withdraw"))
    someone_else.refresh_from_db()
    assert someone_else.status == "draft"


def test_a_person_who_withdrew_applies_again_from_the_status_page(client, member):
    from cms.members.choices import Status
    from cms.members.factories import MemberProfileFactory

    MemberProfileFactory(user=member, status=Status.WITHDRAWN)
    client.force_login(member)

    status_page = client.get("/members/apply/status/")
    assert b"Apply again" in status_page.content
    response = client.post("/members/apply/apply-again/")

    assert response.status_code == 302
    assert response["Location"] == "/members/apply/"
    assert client.get("/members/apply/").status_code == 200
