"""The public pages: the subscribe form does not reveal who is on the list, opening a link
changes nothing, buttons and one-click unsubscribe act at once, and forged or borrowed
links show "this link does not work"."""

from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from cms.opportunities.factories import ServiceAreaFactory
from cms.subscriptions import links
from cms.subscriptions.factories import (
    ConfirmedSubscriberFactory,
    SubscriberFactory,
    UnsubscribedSubscriberFactory,
)
from cms.subscriptions.links import Purpose
from cms.subscriptions.models import Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The rate limiter counts in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


S = Subscriber.Status


def path_of(url: str) -> str:
    return urlparse(url).path


@pytest.fixture
def alice():
    return ConfirmedSubscriberFactory(email="alice@example.net")


@pytest.fixture
def bob():
    return ConfirmedSubscriberFactory(email="bob@example.net")


def post_subscribe(client, email, **extra):
    return client.post(
        reverse("subscriptions:subscribe"),
        {"email": email, "email_format": "html", **extra},
        follow=True,
    )


def test_the_subscribe_form_shows_and_explains_its_errors(client, site):
    response = client.get(reverse("subscriptions:subscribe"))
    assert response.status_code == 200
    assert b"Get the e-bulletin by email" in response.content
    response = client.post(reverse("subscriptions:subscribe"), {"email": "not an address"})
    assert response.status_code == 200
    assert b"Enter an email address in the correct format" in response.content
    assert b"<title>Error: " in response.content
    assert not Subscriber.objects.exists()


def _page_text(response) -> bytes:
    """The page without the per-request CSRF token and CSP nonce."""
    import re

    content = response.content
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
    return re.sub(rb'nonce="[^"]+"', b"", content)


def test_the_response_does_not_reveal_whether_an_address_was_on_the_list(
    client, site, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="pending@example.net")
    ConfirmedSubscriberFactory(email="confirmed@example.net")
    UnsubscribedSubscriberFactory(email="left@example.net")
    pages = []
    for email in [
        "new@example.net",
        "pending@example.net",
        "confirmed@example.net",
        "left@example.net",
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            response = post_subscribe(client, email)
        assert response.redirect_chain == [(reverse("subscriptions:check_your_email"), 302)]
        pages.append(_page_text(response))
    assert all(page == pages[0] for page in pages)
    # Every address got an email, and only the email says which case it was.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "confirmed@example.net",
        "left@example.net",
        "new@example.net",
        "pending@example.net",
    ]


def test_confirming_needs_the_button_not_just_opening_the_link(client, site):
    subscriber = SubscriberFactory()
    url = path_of(links.confirm_url(subscriber))
    response = client.get(url)
    assert response.status_code == 200
    assert b"Yes, send me the e-bulletin" in response.content
    subscriber.refresh_from_db()
    assert subscriber.status == S.PENDING
    response = client.post(url)
    assert response.status_code == 200
    assert b"You are subscribed" in response.content
    subscriber.refresh_from_db()
    assert subscriber.status == S.CONFIRMED


def test_an_old_confirmation_link_after_unsubscribing_explains_itself(client, site):
    subscriber = UnsubscribedSubscriberFactory()
    response = client.post(path_of(links.confirm_url(subscriber)))
    assert response.status_code == 409
    assert b"You unsubscribed after we sent this link" in response.content
    subscriber.refresh_from_db()
    assert subscriber.status == S.UNSUBSCRIBED


def test_opening_the_unsubscribe_link_changes_nothing(client, site, alice):
    response = client.get(path_of(links.unsubscribe_url(alice)))
    assert response.status_code == 200
    assert b">Unsubscribe</button>" in response.content
    alice.refresh_from_db()
    assert alice.status == S.CONFIRMED


def test_the_unsubscribe_button_unsubscribes_at_once_and_offers_to_resubscribe(client, site, alice):
    url = path_of(links.unsubscribe_url(alice))
    response = client.post(url)
    assert response.status_code == 200
    assert b"You have unsubscribed" in response.content
    assert b"Subscribe again" in response.content
    alice.refresh_from_db()
    assert alice.status == S.UNSUBSCRIBED

    response = client.post(reverse("subscriptions:resubscribe", args=[url.split("/")[-2]]))
    assert response.status_code == 200
    assert b"You are subscribed again" in response.content
    alice.refresh_from_db()
    assert alice.status == S.CONFIRMED


def test_one_click_unsubscribe_from_a_mail_program(alice):
    """RFC 8058: a POST with List-Unsubscribe=One-Click, no cookies and no CSRF token."""
    from django.test import Client

    mail_program = Client(enforce_csrf_checks=True)
    url = path_of(links.list_unsubscribe_headers(alice)["List-Unsubscribe"].strip("<>"))
    opened = mail_program.get(url)
    assert opened.status_code == 302
    assert opened["Location"] == path_of(links.unsubscribe_url(alice))
    assert mail_program.post(url, {"List-Unsubscribe": "Something-else"}).status_code == 400
    alice.refresh_from_db()
    assert alice.status == S.CONFIRMED
    response = mail_program.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.status == S.UNSUBSCRIBED
    assert alice.changes.get().how == "one_click"


def test_only_the_one_click_address_skips_the_csrf_check(alice, site):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    assert browser.post(path_of(links.unsubscribe_url(alice))).status_code == 403
    assert browser.post(path_of(links.preferences_url(alice))).status_code == 403
    alice.refresh_from_db()
    assert alice.status == S.CONFIRMED


def _forged_urls(alice, bob):
    """Every way to reach Bob's pages without a token made for Bob for that page."""
    urls = []
    for name, purpose in [
        ("subscriptions:unsubscribe", Purpose.UNSUBSCRIBE),
        ("subscriptions:one_click_unsubscribe", Purpose.UNSUBSCRIBE),
        ("subscriptions:preferences", Purpose.PREFERENCES),
        ("subscriptions:confirm", Purpose.CONFIRM),
        ("subscriptions:resubscribe", Purpose.UNSUBSCRIBE),
    ]:
        alices = links.make_token(alice, purpose)
        signature = alices.split(":", 1)[1]
        other_purpose = (
            Purpose.PREFERENCES if purpose != Purpose.PREFERENCES else Purpose.UNSUBSCRIBE
        )
        for token in [
            f"{bob.pk}:{signature}",  # Alice's signature at Bob's address
            alices[:-2] + "xx",  # tampered
            links.make_token(bob, other_purpose),  # Bob's, but signed for another page
            str(bob.pk),  # no signature at all
        ]:
            urls.append(reverse(name, args=[token]))
    return urls


def test_forged_or_borrowed_links_change_nobody(client, site, alice, bob):
    for url in _forged_urls(alice, bob):
        get = client.get(url)
        post = client.post(url, {"List-Unsubscribe": "One-Click", "email_format": "plain_text"})
        # Resubscribing is POST only, so opening it is refused before the token is read.
        assert get.status_code == (405 if url.endswith("/resubscribe/") else 404), url
        assert post.status_code == 404, url
        assert b"bob@example.net" not in get.content + post.content
    for person in (alice, bob):
        person.refresh_from_db()
        assert person.status == S.CONFIRMED
        assert person.email_format == "html"
    assert not alice.changes.exists() and not bob.changes.exists()


def test_the_preferences_page_changes_segments_and_format(client, site, alice):
    carers = ServiceAreaFactory(name="Carers")
    url = path_of(links.preferences_url(alice))
    response = client.get(url)
    assert response.status_code == 200
    assert b"alice@example.net" in response.content
    assert response["Cache-Control"].startswith("max-age=0")
    response = client.post(url, {"service_areas": [carers.pk], "email_format": "plain_text"})
    assert response.status_code == 200
    assert b"Your choices have been saved" in response.content
    alice.refresh_from_db()
    assert alice.email_format == "plain_text"
    assert list(alice.service_areas.all()) == [carers]
    # And the unsubscribe button on it works without another link.
    token = links.make_token(alice, Purpose.UNSUBSCRIBE)
    assert reverse("subscriptions:unsubscribe", args=[token]).encode() in response.content


def test_the_bulletin_index_page_invites_people_to_subscribe(client, home_page):
    from cms.bulletins.factories import BulletinIndexPageFactory

    index = BulletinIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    response = client.get(index.url)
    assert response.status_code == 200
    assert reverse("subscriptions:subscribe").encode() in response.content
    assert b"Get the e-bulletin by email" in response.content


def test_one_connection_cannot_flood_the_form(client, site, monkeypatch):
    from cms.subscriptions import views

    monkeypatch.setattr(views, "SUBSCRIBE_LIMIT", 2)
    for n in range(2):
        assert post_subscribe(client, f"person{n}@example.net").status_code == 200
    response = client.post(
        reverse("subscriptions:subscribe"),
        {"email": "third@example.net", "email_format": "html"},
    )
    assert response.status_code == 429
    assert b"Please try again in an hour" in response.content
    assert not Subscriber.objects.filter(email="third@example.net").exists()
