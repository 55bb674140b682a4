"""Changing email, password, bank details or health information asks for the password
again, even in a session that is already signed in."""

import pytest
from django.urls import reverse

from cms.banking.factories import BankDetailsFactory
from cms.members.factories import ActiveMemberFactory
from cms.settings import base

PASSWORD = "a-long-test-password"

pytestmark = pytest.mark.django_db

REAUTHENTICATE = reverse("account_reauthenticate")
ACCESS_NEEDS = reverse("members:profile:edit", args=["access-needs"])


def test_reauthentication_is_on_in_the_settings():
    assert base.ACCOUNT_REAUTHENTICATION_REQUIRED is True
    assert base.ACCOUNT_REAUTHENTICATION_TIMEOUT <= 5 * 60


def test_changing_the_password_needs_the_current_one(client, member, home_page):
    client.force_login(member)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "not-the-password",
            "password1": "kettle-Orbit-42-new",
            "password2": "kettle-Orbit-42-new",
        },
    )

    assert response.status_code == 200
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_adding_an_email_address_is_held_until_the_password_is_given(client, member, mailoutbox):
    client.force_login(member)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "new.address@example.org"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(REAUTHENTICATE)
    assert not member.emailaddress_set.filter(email="new.address@example.org").exists()


def test_after_the_password_is_given_the_email_change_goes_ahead(
    client, member, mailoutbox, home_page
):
    client.force_login(member)

    response = client.post(REAUTHENTICATE, {"password": PASSWORD})
    assert response.status_code == 302
    client.post(reverse("account_email"), {"action_add": "", "email": "new.address@example.org"})

    assert member.emailaddress_set.filter(email="new.address@example.org").exists()


def test_a_wrong_password_does_not_reauthenticate(client, member, home_page):
    client.force_login(member)

    response = client.post(REAUTHENTICATE, {"password": "not-the-password"})
    assert response.status_code == 200
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "new.address@example.org"}
    )

    assert response["Location"].startswith(REAUTHENTICATE)


@pytest.fixture
def active_member(member):
    return ActiveMemberFactory(user=member)


def test_health_and_access_needs_ask_for_the_password_first(client, active_member, home_page):
    client.force_login(active_member.user)

    for response in [
        client.get(ACCESS_NEEDS),
        client.post(ACCESS_NEEDS, {"needs_replacement_care": "True"}),
    ]:
        assert response.status_code == 302
        assert response["Location"].startswith(REAUTHENTICATE)
    active_member.refresh_from_db()

    client.post(REAUTHENTICATE, {"password": PASSWORD})
    assert client.get(ACCESS_NEEDS).status_code == 200


def test_other_profile_sections_do_not_ask_again(client, active_member, home_page):
    client.force_login(active_member.user)

    response = client.get(reverse("members:profile:edit", args=["biography"]))

    assert response.status_code == 200


def test_bank_details_are_only_changed_with_the_password(client, active_member, home_page):
    BankDetailsFactory(member=active_member, account_number="00733445", sort_code="309480")
    client.force_login(active_member.user)
    details = {
        "account_holder": "Dev Patel",
        "sort_code": "40-47-84",
        "account_number": "12345678",
        "roll_number": "",
    }

    refused = client.post(
        reverse("members:banking:change"), {**details, "password": "not-the-password"}
    )
    assert refused.status_code == 400
    assert "The password is not right" in refused.content.decode()

    accepted = client.post(reverse("members:banking:change"), {**details, "password": PASSWORD})
    assert accepted.status_code == 302
