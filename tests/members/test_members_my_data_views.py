import io
import json
import zipfile

import pytest
from django.urls import reverse

from cms.members.factories import ActiveMemberFactory
from cms.members.models import MemberProfile
from cms.privacy.models import DeletionRequest
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

URLS = [
    reverse("members:my_data:index"),
    reverse("members:my_data:download"),
    reverse("members:my_data:withdraw_consent"),
    reverse("members:my_data:consent_withdrawn"),
    reverse("members:my_data:delete_account"),
    reverse("members:my_data:deletion_requested"),
]


@pytest.mark.parametrize("url", URLS)
def test_visitors_are_sent_to_sign_in(client, url):
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert not DeletionRequest.objects.exists()


@pytest.mark.parametrize("url", URLS)
def test_every_page_opens_for_a_member(client, url):
    profile = ActiveMemberFactory()
    client.force_login(profile.user)
    assert client.get(url).status_code == 200


def _export(client) -> str:
    response = client.get(reverse("members:my_data:download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.content)).read("data.json").decode()


@pytest.mark.parametrize("who", ["member", "editor", "finance_user", "coordinator"])
def test_everyone_downloads_only_their_own_data(client, request, who):
    someone = ActiveMemberFactory(user=UserFactory(email="someone@example.org"))
    person = request.getfixturevalue(who)
    client.force_login(person)
    exported = _export(client)
    assert person.email in exported
    assert "someone@example.org" not in exported
    assert someone.emergency_contact_phone not in exported
    data = json.loads(exported)["models"]
    assert [row["email"] for row in data["users.user"]] == [person.email]
    # Asking for someone else by id does nothing: the addresses have no ids.
    response = client.get(reverse("members:my_data:download"), {"user": someone.user.pk})
    assert (
        "someone@example.org"
        not in zipfile.ZipFile(io.BytesIO(response.content)).read("data.json").decode()
    )


def test_a_member_withdraws_consent_for_health_data(client):
    profile = ActiveMemberFactory(consented_to_health_data=True)
    client.force_login(profile.user)
    page = client.get(reverse("members:my_data:index"))
    assert b"Withdraw your consent" in page.content

    response = client.post(reverse("members:my_data:withdraw_consent"))
    assert response.status_code == 302
    assert response["Location"] == reverse("members:my_data:consent_withdrawn")
    profile.refresh_from_db()
    assert profile.consent_withdrawn_at is not None
    assert profile.consented_to_health_data is False
    assert b"Consent withdrawn" in client.get(response["Location"]).content
    assert b"You withdrew your consent" in client.get(reverse("members:my_data:index")).content


def test_someone_without_a_record_has_no_consent_to_withdraw(client, member):
    client.force_login(member)
    page = client.get(reverse("members:my_data:withdraw_consent"))
    assert b"nothing to withdraw" in page.content
    client.post(reverse("members:my_data:withdraw_consent"))
    assert not MemberProfile.objects.exists()


def test_a_member_asks_for_their_account_to_be_deleted_once(client):
    profile = ActiveMemberFactory()
    client.force_login(profile.user)
    url = reverse("members:my_data:delete_account")
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("members:my_data:deletion_requested")
    client.post(url)
    request = DeletionRequest.objects.get()
    assert request.user == profile.user
    assert request.confirmed_at is None and request.completed_at is None
    assert (
        b"You asked us to delete your account"
        in client.get(reverse("members:my_data:index")).content
    )
    # Nothing is removed until a coordinator confirms.
    profile.user.refresh_from_db()
    assert profile.user.is_active
