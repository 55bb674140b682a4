"""Session cookies, a new session at sign-in, timeouts with a warning, other sessions
ended by a password change, and CSRF."""

import importlib
import re
import time

import pytest
from django.test import Client
from django.urls import reverse

from cms.security.middleware import LAST_ACTIVITY_KEY, SIGNED_IN_AT_KEY

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
MEMBERS = "/members/"


def _sign_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def _move_back(client, key, seconds):
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def test_the_session_cookie_is_httponly_and_samesite(client, member, home_page):
    response = _sign_in(client, member)

    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    # Without "Remember me" the cookie ends with the browser; with it, after 12 hours.
    assert cookie["max-age"] == ""


def test_remember_me_keeps_the_cookie_for_12_hours_at_most(client, member, home_page):
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": PASSWORD, "remember": "on"}
    )

    assert int(response.cookies["sessionid"]["max-age"]) == 12 * 60 * 60


def test_cookies_are_secure_when_the_settings_say_so(client, member, settings, home_page):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True

    response = client.get(reverse("account_login"))
    assert response.cookies["csrftoken"]["secure"] is True
    assert response.cookies["csrftoken"]["httponly"] is True
    response = _sign_in(client, member)
    assert response.cookies["sessionid"]["secure"] is True


def test_production_turns_on_secure_host_only_cookies(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 64)
    production = importlib.import_module("cms.settings.production")
    production = importlib.reload(production)

    assert production.SESSION_COOKIE_SECURE is True
    assert production.CSRF_COOKIE_SECURE is True
    assert production.SESSION_COOKIE_HTTPONLY is True
    assert production.CSRF_COOKIE_HTTPONLY is True
    assert production.SESSION_COOKIE_SAMESITE == "Lax"
    # __Host- cookies are sent only over HTTPS, only to this host, for every path.
    assert production.SESSION_COOKIE_NAME.startswith("__Host-")
    assert production.CSRF_COOKIE_NAME.startswith("__Host-")


def test_signing_in_starts_a_new_session(client, member, home_page):
    client.get(reverse("account_login"))
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key

    _sign_in(client, member)

    assert client.session.session_key != before


def test_a_session_idle_for_31_minutes_is_signed_out(client, member, home_page):
    _sign_in(client, member)
    assert client.get(MEMBERS).status_code == 200

    _move_back(client, LAST_ACTIVITY_KEY, 31 * 60)
    response = client.get(MEMBERS)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fmembers%2F"
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not done anything for 30 minutes." in page
    assert client.get(MEMBERS).status_code == 302


def test_a_session_idle_for_29_minutes_carries_on(client, member, home_page):
    _sign_in(client, member)
    client.get(MEMBERS)

    _move_back(client, LAST_ACTIVITY_KEY, 29 * 60)

    assert client.get(MEMBERS).status_code == 200
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 60


def test_a_session_ends_12_hours_after_sign_in_however_busy(client, member, home_page):
    _sign_in(client, member)
    client.get(MEMBERS)

    _move_back(client, SIGNED_IN_AT_KEY, 12 * 60 * 60 + 1)
    response = client.get(MEMBERS)

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had been signed in for 12 hours." in page


def test_the_warning_is_on_every_signed_in_page_and_works_without_inline_script(
    client, member, home_page
):
    _sign_in(client, member)

    html = client.get(MEMBERS).content.decode()

    warning = re.search(r'<div class="involve-session-warning".*?</div>\s*</div>', html, re.S)
    assert warning, "no session warning on the page"
    warning = warning.group(0)
    assert " hidden" in warning  # shown by the script only
    assert 'role="alert"' in warning
    assert "Stay signed in</button>" in warning
    assert 'action="/security/session/stay-signed-in/"' in warning
    assert re.search(r'<script src="[^"]*session-timeout\.js" nonce="[^"]+" defer>', html)


def test_staff_get_the_warning_on_every_admin_page(client, coordinator, editor, home_page):
    """Staff typing into a long admin form must be warned too, not silently signed out."""
    for who, url in (
        (coordinator, "/admin/"),
        (coordinator, "/admin/applications/"),
        (editor, f"/admin/pages/{home_page.pk}/edit/"),
    ):
        client.force_login(who)
        html = client.get(url).content.decode()
        warning = re.search(r'<div class="involve-session-warning".*?</div>\s*</div>', html, re.S)
        assert warning, f"no session warning on {url}"
        assert " hidden" in warning.group(0)
        assert 'role="alert"' in warning.group(0)
        assert "Stay signed in</button>" in warning.group(0)
        assert re.search(r'<script src="[^"]*session-timeout\.js" nonce="[^"]+" defer>', html)


def test_visitors_get_no_warning(client, home_page):
    assert "involve-session-warning" not in client.get("/").content.decode()


def test_checking_the_time_left_does_not_count_as_activity(client, member, home_page):
    _sign_in(client, member)
    client.get(MEMBERS)
    _move_back(client, LAST_ACTIVITY_KEY, 28 * 60)

    response = client.get(reverse("security:session_status"), HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert 0 < response.json()["seconds_left"] <= 2 * 60
    _move_back(client, LAST_ACTIVITY_KEY, 3 * 60)
    assert client.get(MEMBERS).status_code == 302


def test_stay_signed_in_keeps_the_session_going(client, member, home_page):
    _sign_in(client, member)
    client.get(MEMBERS)
    _move_back(client, LAST_ACTIVITY_KEY, 29 * 60)

    response = client.post(reverse("security:stay_signed_in"), HTTP_ACCEPT="application/json")

    assert response.json()["signed_in"] is True
    assert response.json()["seconds_left"] > 29 * 60
    _move_back(client, LAST_ACTIVITY_KEY, 10 * 60)
    assert client.get(MEMBERS).status_code == 200


def test_stay_signed_in_without_javascript_goes_back_to_the_page(client, member, home_page):
    _sign_in(client, member)

    response = client.post(reverse("security:stay_signed_in"), {"next": MEMBERS})
    assert response["Location"] == MEMBERS
    response = client.post(reverse("security:stay_signed_in"), {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_time_left_says_signed_out_once_the_session_has_ended(client, member, home_page):
    _sign_in(client, member)
    client.get(MEMBERS)
    _move_back(client, LAST_ACTIVITY_KEY, 31 * 60)

    response = client.get(reverse("security:session_status"), HTTP_ACCEPT="application/json")

    assert response.status_code == 401
    assert response.json() == {"signed_in": False, "seconds_left": 0}


def test_changing_the_password_ends_the_other_sessions(member, home_page, settings):
    laptop, phone = Client(), Client()
    _sign_in(laptop, member)
    _sign_in(phone, member)
    assert phone.get(MEMBERS).status_code == 200

    response = laptop.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "kettle-Orbit-42-new",
            "password2": "kettle-Orbit-42-new",
        },
    )

    assert response.status_code == 302
    assert laptop.get(MEMBERS).status_code == 200
    assert phone.get(MEMBERS).status_code == 302


def test_a_forged_csrf_post_is_refused(member, home_page):
    forger = Client(enforce_csrf_checks=True)

    response = forger.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})

    assert response.status_code == 403


def test_a_forged_post_from_a_signed_in_browser_is_refused(member, home_page):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)

    response = browser.post(reverse("security:stay_signed_in"), {"next": MEMBERS})

    assert response.status_code == 403
