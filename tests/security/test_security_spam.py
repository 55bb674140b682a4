"""Public forms resist spam without a CAPTCHA: a honeypot people never see, and a
per-address rate limit with a polite 429 page."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from cms.badges import views as badge_views
from cms.core import ratelimit
from cms.formpages import models as formpage_models
from cms.formpages.factories import CharterPageFactory, FormFieldFactory, FormPageFactory
from cms.formpages.forms import HONEYPOT_FIELD
from cms.formpages.models import CharterSignature
from cms.subscriptions import views as subscription_views
from cms.subscriptions.models import Subscriber


@pytest.fixture
def form_page(home_page, site):
    page = FormPageFactory(parent=home_page, title="Suggestion box", slug="suggestion-box")
    FormFieldFactory(page=page, label="Your suggestion", field_type="multiline")
    page.save_revision().publish()
    return page


@pytest.fixture
def charter_page(home_page, site):
    page = CharterPageFactory(parent=home_page)
    page.save_revision().publish()
    return page


def charter_answers(**extra):
    return {
        "organisation_name": "Hightown Carers",
        "contact_name": "Jo Bloggs",
        "contact_role": "Chief executive",
        "contact_email": "jo@example.org",
        "agree": "on",
        **extra,
    }


# --- The honeypot --------------------------------------------------------------------------


def honeypot_markup(html: str) -> str:
    match = re.search(
        r'<div class="nhsuk-u-visually-hidden" aria-hidden="true">.*?</div>', html, re.S
    )
    assert match, "no honeypot on the page"
    return match.group(0)


@pytest.mark.django_db
def test_the_honeypot_is_hidden_from_people_and_their_assistive_technology(
    client, form_page, charter_page
):
    for url in (reverse("subscriptions:subscribe"), form_page.url, charter_page.url):
        markup = honeypot_markup(client.get(url).content.decode())
        assert f'name="{HONEYPOT_FIELD}"' in markup
        assert 'tabindex="-1"' in markup
        assert 'autocomplete="off"' in markup
        assert "Leave this box empty" in markup
        # Hidden by a class, not an inline style some bots look for.
        assert "style=" not in markup


@pytest.mark.django_db
def test_a_filled_honeypot_on_subscribe_shows_the_usual_page_and_stores_nothing(client, site):
    response = client.post(
        reverse("subscriptions:subscribe"),
        {"email": "bot@example.net", "email_format": "html", HONEYPOT_FIELD: "http://spam"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("subscriptions:check_your_email")
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_an_empty_honeypot_on_subscribe_subscribes(client, site):
    client.post(
        reverse("subscriptions:subscribe"), {"email": "person@example.net", "email_format": "html"}
    )
    assert Subscriber.objects.filter(email="person@example.net").exists()


@pytest.mark.django_db
def test_a_filled_honeypot_on_a_form_page_thanks_and_stores_nothing(client, form_page):
    response = client.post(
        form_page.url, {"your_suggestion": "Buy my pills", HONEYPOT_FIELD: "http://spam"}
    )
    assert response.status_code == 200
    assert b"Thank you" in response.content
    assert not form_page.get_submission_class().objects.filter(page=form_page).exists()


@pytest.mark.django_db
def test_a_filled_honeypot_on_the_charter_thanks_and_stores_nothing(client, charter_page):
    response = client.post(charter_page.url, charter_answers(**{HONEYPOT_FIELD: "x"}))
    assert response.status_code == 200
    assert b"Hightown Carers" in response.content
    assert not CharterSignature.objects.exists()


# --- Rate limits ---------------------------------------------------------------------------


def test_the_fixed_window_counts_per_address_and_scope(rf):
    first = rf.get("/", REMOTE_ADDR="203.0.113.1")
    second = rf.get("/", REMOTE_ADDR="203.0.113.2")
    assert not ratelimit.over_limit(first, scope="test", limit=2, seconds=60)
    assert not ratelimit.over_limit(first, scope="test", limit=2, seconds=60)
    assert ratelimit.over_limit(first, scope="test", limit=2, seconds=60)
    assert not ratelimit.over_limit(second, scope="test", limit=2, seconds=60)
    assert not ratelimit.over_limit(first, scope="other", limit=2, seconds=60)


def assert_polite_429(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert b"too many requests from your internet connection" in response.content
    assert b"Please try again in" in response.content


@pytest.mark.django_db
def test_subscribe_is_rate_limited(client, site, monkeypatch):
    monkeypatch.setattr(subscription_views, "SUBSCRIBE_LIMIT", 2)
    for n in range(2):
        client.post(
            reverse("subscriptions:subscribe"),
            {"email": f"person{n}@example.net", "email_format": "html"},
        )
    response = client.post(
        reverse("subscriptions:subscribe"), {"email": "third@example.net", "email_format": "html"}
    )
    assert response.status_code == 429
    assert not Subscriber.objects.filter(email="third@example.net").exists()


@pytest.mark.django_db
def test_a_form_page_is_rate_limited(client, form_page, monkeypatch):
    monkeypatch.setattr(formpage_models, "FORM_POST_LIMIT", 2)
    for _ in range(2):
        assert client.post(form_page.url, {"your_suggestion": "More buses"}).status_code == 200
    assert_polite_429(client.post(form_page.url, {"your_suggestion": "More buses"}))
    assert form_page.get_submission_class().objects.filter(page=form_page).count() == 2
    # Reading the page is never limited.
    assert client.get(form_page.url).status_code == 200


@pytest.mark.django_db
def test_the_charter_is_rate_limited(client, charter_page, monkeypatch):
    monkeypatch.setattr(formpage_models, "FORM_POST_LIMIT", 1)
    client.post(charter_page.url, charter_answers())
    assert_polite_429(
        client.post(charter_page.url, charter_answers(organisation_name="Another one"))
    )
    assert CharterSignature.objects.count() == 1


@pytest.mark.django_db
def test_the_badge_check_page_is_rate_limited(site, monkeypatch):
    monkeypatch.setattr(badge_views, "CHECK_LIMIT", 3)
    client = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(3):
        response = client.get(reverse("badge_check:check", args=[f"GUESS{n}"]))
        assert response.status_code == 404
    assert_polite_429(client.get(reverse("badge_check:check", args=["GUESS4"])))
    # Another connection is not affected.
    other = Client(REMOTE_ADDR="198.51.100.8")
    assert other.get(reverse("badge_check:check", args=["GUESS5"])).status_code == 404
