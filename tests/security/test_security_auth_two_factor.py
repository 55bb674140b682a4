"""Every staff role uses two-factor before the Wagtail admin works for them."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from cms.settings import base

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ROLES = ["editor", "coordinator", "finance_user", "administrator"]


def test_the_requirement_is_on_outside_the_test_settings():
    assert base.STAFF_TWO_FACTOR_REQUIRED is True


@pytest.mark.parametrize("role", ROLES)
def test_staff_without_two_factor_cannot_reach_the_admin(
    client, request, role, staff_two_factor, home_page
):
    client.force_login(request.getfixturevalue(role))

    for path in ["/admin/", "/admin/pages/", "/admin/documents/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("mfa_activate_totp"))
        assert f"next={path.replace('/', '%2F')}" in response["Location"]


def test_they_are_told_why_on_the_set_up_page(client, editor, staff_two_factor, home_page):
    client.force_login(editor)

    response = client.get("/admin/", follow=True)

    html = response.content.decode()
    assert "Set up two-factor authentication before you use the admin." in html


@pytest.mark.parametrize("role", ROLES)
def test_staff_with_an_authenticator_reach_the_admin(
    client, request, role, staff_two_factor, home_page
):
    user = request.getfixturevalue(role)
    TOTP.activate(user, SECRET)
    client.force_login(user)

    assert client.get("/admin/").status_code == 200


def test_signing_in_with_an_authenticator_asks_for_its_code(
    client, editor, staff_two_factor, sign_in_with_password, home_page
):
    TOTP.activate(editor, SECRET)

    response = sign_in_with_password(client, editor.email)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    # Not signed in until the code is given.
    assert client.get("/admin/")["Location"].startswith(reverse("account_login"))


def test_members_are_not_asked_for_two_factor_and_still_cannot_use_the_admin(
    client, member, staff_two_factor
):
    client.force_login(member)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_members_area_works_for_staff_without_two_factor(
    client, coordinator, staff_two_factor, home_page
):
    client.force_login(coordinator)

    assert client.get("/").status_code == 200


def test_a_new_staff_member_is_led_from_sign_in_to_setting_up_two_factor(
    client, editor, staff_two_factor, sign_in_with_password, home_page
):
    sign_in_with_password(client, editor.email)

    # Adding an authenticator asks for the password once more (allauth's own rule).
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    response = client.post(
        response.redirect_chain[-1][0], {"password": "a-long-test-password"}, follow=True
    )

    assert response.redirect_chain[-1][0].startswith(reverse("mfa_activate_totp"))
    assert 'name="code"' in response.content.decode()
