"""Signing in, in the browser, with every page checked by axe."""

import pytest

# serialized_rollback restores the home page and site that migrations create.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_sign_in_page_and_its_errors_are_accessible(page, visit, axe, member):
    visit("/accounts/login/")
    axe.assert_clean(page)

    page.get_by_label("Email").fill("member@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()

    assert page.title().startswith("Error: ")
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    axe.assert_clean(page)


def test_a_member_signs_in_and_sees_their_account(page, visit, axe, member):
    visit("/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill("member@example.org")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url("**/members/")
    assert page.get_by_role("heading", name="My account").is_visible()
    axe.assert_clean(page)


def test_search_page_is_accessible(page, visit, axe, home_page):
    visit("/search/?q=involvement")
    axe.assert_clean(page)
