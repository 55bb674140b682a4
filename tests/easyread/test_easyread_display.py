"""Display settings: large text and high contrast, in a cookie for everyone and on the account
for people who are signed in."""

import re

import pytest
from django.urls import reverse

from cms.easyread.display import COOKIE_NAME
from cms.easyread.factories import DisplayPreferenceFactory
from cms.easyread.models import DisplayPreference

pytestmark = pytest.mark.django_db

URL = "/display-settings/"
BOTH = {"text_size": "large", "contrast": "high"}


def test_the_page_has_a_form_with_labelled_choices_and_is_linked_from_the_footer(client, site):
    assert reverse("easyread:display_settings") == URL
    html = client.get(URL).content.decode()
    assert "<h1>Display settings</h1>" in html
    assert "<legend" in html and "Text size" in html and "Large text" in html
    assert "High contrast" in html
    assert f'href="{URL}">Display settings</a>' in html
    assert '<html lang="en-GB">' in html


def test_a_visitor_choice_is_kept_in_a_cookie_and_changes_every_page(client, site):
    response = client.post(URL, BOTH)
    assert response.status_code == 302
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "large-text,high-contrast"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    html = client.get("/").content.decode()
    assert '<html lang="en-GB" class="involve-text-large involve-contrast-high">' in html
    # The form shows the saved choice.
    settings_html = client.get(URL).content.decode()
    checked = re.findall(r'<input type="radio"[^>]*value="(\w+)"[^>]*checked', settings_html)
    assert checked == ["large", "high"]
    assert not DisplayPreference.objects.exists()


def test_going_back_to_standard_removes_the_classes(client, site):
    client.post(URL, BOTH)
    client.post(URL, {"text_size": "standard", "contrast": "standard"})
    assert '<html lang="en-GB">' in client.get("/").content.decode()


def test_a_signed_in_person_choice_is_saved_on_their_account(client, member, site):
    client.force_login(member)
    client.post(URL, {"text_size": "standard", "contrast": "high"})
    preference = DisplayPreference.objects.get(user=member)
    assert (preference.large_text, preference.high_contrast) == (False, True)


def test_a_saved_choice_follows_the_person_to_another_browser(client, member, site):
    DisplayPreferenceFactory(user=member, large_text=True)
    client.force_login(member)
    html = client.get("/").content.decode()
    assert '<html lang="en-GB" class="involve-text-large">' in html


def test_a_missing_choice_is_shown_in_an_error_summary(client, site):
    response = client.post(URL, {"text_size": "large"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_contrast_0">Choose standard colours or high contrast' in html
    assert COOKIE_NAME not in response.cookies


def test_unknown_values_in_the_cookie_are_ignored(client, site):
    client.cookies[COOKIE_NAME] = "huge-text,<script>"
    assert '<html lang="en-GB">' in client.get("/").content.decode()
