"""The warning before a session times out: shown, announced, and "Stay signed in" works,
with the strict content security policy (no inline script) in force."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from cms.security.middleware import LAST_ACTIVITY_KEY

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _idle_for(page, seconds):
    """Move the session's last activity back, as if the person had been away."""
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=cookie["value"])
    session[LAST_ACTIVITY_KEY] -= seconds
    session.save()


def test_the_warning_offers_to_stay_signed_in(page, visit, axe, member, sign_in, home_page):
    # Fonts aside (the NHS.UK stylesheet asks for Frutiger from assets.nhs.uk, which the
    # policy refuses, so the page uses its Arial fallback), nothing may be blocked.
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text)
            if "Content Security Policy" in message.text and "font-src" not in message.text
            else None
        ),
    )
    sign_in(member.email)
    visit("/members/")
    warning = page.locator("#involve-session-warning")
    expect(warning).to_be_hidden()

    _idle_for(page, 29 * 60)
    visit("/members/")

    expect(warning).to_be_visible()
    expect(warning.get_by_role("alert")).to_contain_text("You will be signed out soon")
    axe.assert_clean(page)
    warning.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    assert not blocked, blocked


def test_staff_are_warned_in_the_admin_too(
    page, visit, axe, coordinator, sign_in, with_two_factor, home_page
):
    """The admin's own styles, the admin's content security policy, the same script."""
    with_two_factor(coordinator)
    sign_in("coordinator@example.org", two_factor=True)
    visit("/admin/applications/")
    warning = page.locator("#involve-session-warning")
    expect(warning).to_be_hidden()

    _idle_for(page, 29 * 60)
    visit("/admin/applications/")
    expect(warning).to_be_visible()
    expect(warning.get_by_role("alert")).to_contain_text("You will be signed out soon")
    axe.assert_clean(page)
    warning.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    # Staying signed in counted as activity: the warning does not come back on the next page.
    visit("/admin/applications/")
    expect(warning).to_be_hidden()
