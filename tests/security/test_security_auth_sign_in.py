"""Sign-in, sign-up and password reset: rate limits, no account enumeration, strong
passwords hashed with Argon2, and an email whenever a credential changes."""

import importlib
import re

import pytest
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.settings import base
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts. Try again later."


def _without_nonce(html: str) -> str:
    return re.sub(r'nonce="[^"]*"', "", html)


def test_the_sixth_failed_sign_in_in_five_minutes_is_refused(
    client, member, sign_in_with_password, home_page
):
    for _attempt in range(5):
        response = sign_in_with_password(client, member.email, "not-the-password")
        assert response.status_code == 200
        assert TOO_MANY not in response.content.decode()

    # The sixth try is refused even with the right password.
    response = sign_in_with_password(client, member.email)

    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert client.get("/members/").status_code == 302


def test_failures_for_one_address_do_not_lock_out_another(
    client, member, sign_in_with_password, home_page
):
    UserFactory(email="someone.else@example.org")
    for _attempt in range(6):
        sign_in_with_password(client, member.email, "not-the-password")

    response = sign_in_with_password(client, "someone.else@example.org")

    assert response.status_code == 302


def test_rate_limits_cover_sign_in_sign_up_and_password_reset():
    limits = base.ACCOUNT_RATE_LIMITS
    assert "5/5m/key" in limits["login_failed"]
    assert limits["signup"]
    assert limits["reset_password"]
    assert limits["reset_password_from_key"]


def test_the_rate_limits_live_in_a_real_cache(monkeypatch):
    """A database cache by default and Redis when configured; never a dummy cache."""
    try:
        monkeypatch.delenv("REDIS_URL", raising=False)
        settings = importlib.reload(base)
        assert settings.CACHES["default"]["BACKEND"] == (
            "django.core.cache.backends.db.DatabaseCache"
        )
        monkeypatch.setenv("REDIS_URL", "redis://redis:6379/0")
        settings = importlib.reload(base)
        assert "Redis" in settings.CACHES["default"]["BACKEND"]
        assert "Dummy" not in settings.CACHES["default"]["BACKEND"]
    finally:
        monkeypatch.delenv("REDIS_URL", raising=False)
        importlib.reload(base)


def test_an_unknown_email_on_password_reset_gets_the_same_answer_as_a_known_one(
    client, member, mailoutbox, home_page
):
    url = reverse("account_reset_password")
    known = client.post(url, {"email": member.email})
    unknown = client.post(url, {"email": "nobody-here@example.org"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    known_page = client.get(known["Location"]).content.decode()
    unknown_page = client.get(unknown["Location"]).content.decode()
    assert _without_nonce(known_page) == _without_nonce(unknown_page)


def test_signing_up_with_an_address_already_in_use_looks_like_any_sign_up(
    client, member, mailoutbox, home_page
):
    url = reverse("account_signup")
    taken = client.post(
        url,
        {
            "email": member.email,
            "password1": "a-new-long-password-9",
            "password2": "a-new-long-password-9",
        },
    )
    new = client.post(
        url,
        {
            "email": "brand.new@example.org",
            "password1": "a-new-long-password-9",
            "password2": "a-new-long-password-9",
        },
    )

    assert taken.status_code == new.status_code == 302
    assert taken["Location"] == new["Location"]


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("Short-pass1", "at least 12 characters"),
        ("password1234", "too common"),
        ("123456789012345", "entirely numeric"),
    ],
)
def test_weak_passwords_are_refused(password, problem):
    with pytest.raises(ValidationError) as refused:
        password_validation.validate_password(password)
    assert problem in " ".join(refused.value.messages)


def test_a_twelve_character_uncommon_password_is_accepted():
    password_validation.validate_password("kettle-Orbit-42")


def test_sign_up_refuses_a_short_password(client, home_page):
    response = client.post(
        reverse("account_signup"),
        {"email": "short@example.org", "password1": "Tiny-pass1", "password2": "Tiny-pass1"},
    )

    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()


def test_passwords_are_hashed_with_argon2(settings):
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    user = UserFactory(email="hashed@example.org")
    user.set_password("kettle-Orbit-42")

    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("kettle-Orbit-42")


def test_changing_a_password_sends_an_email(client, member, mailoutbox, home_page):
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": "a-long-test-password"})

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "a-long-test-password",
            "password1": "kettle-Orbit-42-new",
            "password2": "kettle-Orbit-42-new",
        },
    )

    assert response.status_code == 302
    subjects = [message.subject for message in mailoutbox]
    assert any("Password Changed" in subject for subject in subjects)
    assert mailoutbox[-1].to == [member.email]


def test_changing_the_primary_email_tells_the_old_address(client, member, mailoutbox, home_page):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=member, email="new.home@example.org", verified=True)
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": "a-long-test-password"})

    client.post(reverse("account_email"), {"action_primary": "", "email": "new.home@example.org"})

    changed = [message for message in mailoutbox if "Email Changed" in message.subject]
    assert [message.to for message in changed] == [[member.email]]
