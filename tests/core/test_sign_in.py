"""Every sign-in, the Wagtail admin's included, goes through allauth."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_admin_sends_a_visitor_to_the_allauth_sign_in_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/admin/" in response["Location"]


@pytest.mark.django_db
def test_wagtails_own_login_page_redirects_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/pages/"


@pytest.mark.django_db
def test_an_editor_signs_in_through_allauth_and_reaches_the_admin(client, editor, home_page):
    response = client.post(
        reverse("account_login"),
        {"login": "editor@example.org", "password": "a-long-test-password", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_sign_in_page_uses_the_site_layout_and_labels_every_field(client, home_page):
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="nhsuk-header' in html
    assert '<label class="nhsuk-label" for="id_login">' in html
    assert '<label class="nhsuk-label" for="id_password">' in html


@pytest.mark.django_db
def test_a_failed_sign_in_is_summarised_at_the_top(client, member, home_page):
    response = client.post(
        reverse("account_login"), {"login": "member@example.org", "password": "wrong"}
    )
    html = response.content.decode()
    assert "There is a problem" in html
    assert "<title>Error: " in html


@pytest.mark.django_db
def test_my_account_needs_sign_in_and_shows_who_you_are(client, member, home_page):
    assert client.get("/members/").status_code == 302
    client.force_login(member)
    response = client.get("/members/")
    assert response.status_code == 200
    assert "member@example.org" in response.content.decode()


@pytest.mark.django_db
def test_a_signed_in_member_who_opens_the_admin_is_shown_sign_in_not_a_loop(client, member):
    client.force_login(member)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 200
    assert len(response.redirect_chain) == 1
    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
