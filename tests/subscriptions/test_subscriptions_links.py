"""Signed links cannot be forged, reused for another purpose or for another subscriber."""

import datetime as dt
from urllib.parse import urlparse

import pytest
from django.core import signing
from django.test import override_settings

from cms.subscriptions import links
from cms.subscriptions.factories import ConfirmedSubscriberFactory
from cms.subscriptions.links import Purpose
from cms.subscriptions.models import Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return ConfirmedSubscriberFactory(email="alice@example.net")


@pytest.fixture
def bob():
    return ConfirmedSubscriberFactory(email="bob@example.net")


def path_of(url: str) -> str:
    return urlparse(url).path


def token_in(url: str) -> str:
    return path_of(url).rstrip("/").split("/")[-1]


@pytest.mark.parametrize("purpose", list(Purpose))
def test_a_token_finds_its_own_subscriber(alice, bob, purpose):
    assert links.subscriber_from_token(links.make_token(alice, purpose), purpose) == alice
    assert links.subscriber_from_token(links.make_token(bob, purpose), purpose) == bob


def test_urls_are_absolute_on_the_site_address(alice, settings):
    settings.SITE_URL = "https://involve.example.org"
    for url in (links.unsubscribe_url(alice), links.preferences_url(alice)):
        assert url.startswith("https://involve.example.org/bulletin/")
        assert str(alice.pk) in url


@pytest.mark.parametrize("purpose", list(Purpose))
def test_a_tampered_token_is_refused(alice, purpose):
    token = links.make_token(alice, purpose)
    changed_last = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert links.subscriber_from_token(changed_last, purpose) is None
    assert links.subscriber_from_token("", purpose) is None
    assert links.subscriber_from_token("not-a-token", purpose) is None
    assert links.subscriber_from_token(str(alice.pk), purpose) is None


@pytest.mark.parametrize(
    ("made_for", "used_for"),
    [
        (Purpose.PREFERENCES, Purpose.UNSUBSCRIBE),
        (Purpose.UNSUBSCRIBE, Purpose.PREFERENCES),
        (Purpose.CONFIRM, Purpose.UNSUBSCRIBE),
        (Purpose.UNSUBSCRIBE, Purpose.CONFIRM),
        (Purpose.PREFERENCES, Purpose.CONFIRM),
    ],
)
def test_a_token_signed_for_another_purpose_is_refused(alice, made_for, used_for):
    assert links.subscriber_from_token(links.make_token(alice, made_for), used_for) is None


def test_a_token_signed_with_another_salt_is_refused(alice):
    forged = signing.Signer(salt="something-else").sign(str(alice.pk))
    assert links.subscriber_from_token(forged, Purpose.UNSUBSCRIBE) is None
    unsalted = signing.Signer().sign(str(alice.pk))
    assert links.subscriber_from_token(unsalted, Purpose.UNSUBSCRIBE) is None


@pytest.mark.parametrize("purpose", [Purpose.UNSUBSCRIBE, Purpose.PREFERENCES])
def test_alices_signature_with_bobs_id_is_refused(alice, bob, purpose):
    """Swapping the id in Alice's token for Bob's (the "Bob's URL" attack) breaks it."""
    value, signature = links.make_token(alice, purpose).split(":", 1)
    assert value == str(alice.pk)
    assert links.subscriber_from_token(f"{bob.pk}:{signature}", purpose) is None


def test_a_token_for_a_deleted_subscriber_finds_nobody(alice):
    token = links.make_token(alice, Purpose.UNSUBSCRIBE)
    Subscriber.objects.filter(pk=alice.pk).delete()
    assert links.subscriber_from_token(token, Purpose.UNSUBSCRIBE) is None


def test_unsubscribe_links_never_expire_but_confirmation_links_do(alice):
    long_ago = dt.datetime(2020, 1, 1, tzinfo=dt.UTC).timestamp()
    old_unsubscribe = signing.Signer(salt="cms.subscriptions.unsubscribe").sign(str(alice.pk))
    assert links.subscriber_from_token(old_unsubscribe, Purpose.UNSUBSCRIBE) == alice

    class OldSigner(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(long_ago))

    old_confirm = OldSigner(salt="cms.subscriptions.confirm").sign(str(alice.pk))
    assert links.subscriber_from_token(old_confirm, Purpose.CONFIRM) is None
    fresh_confirm = links.make_token(alice, Purpose.CONFIRM)
    assert links.subscriber_from_token(fresh_confirm, Purpose.CONFIRM) == alice


def test_list_unsubscribe_headers_follow_rfc_8058(alice):
    headers = links.list_unsubscribe_headers(alice)
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    target = headers["List-Unsubscribe"]
    assert target.startswith("<") and target.endswith(">")
    url = target[1:-1]
    assert path_of(url).endswith("/one-click/")
    assert (
        links.subscriber_from_token(token_in(url.removesuffix("one-click/")), "unsubscribe")
        == alice
    )
    assert "mailto:" not in target


@override_settings(BULLETIN_UNSUBSCRIBE_MAILTO="unsubscribe@example.org")
def test_a_mailto_is_added_only_when_an_address_is_set(alice):
    target = links.list_unsubscribe_headers(alice)["List-Unsubscribe"]
    assert target.endswith(", <mailto:unsubscribe@example.org?subject=unsubscribe>")


def test_changing_the_secret_key_breaks_old_links(alice, settings):
    token = links.make_token(alice, Purpose.UNSUBSCRIBE)
    settings.SECRET_KEY = "a-different-secret-key-for-this-test-only-0123456789"
    assert links.subscriber_from_token(token, Purpose.UNSUBSCRIBE) is None
