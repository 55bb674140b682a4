"""A badge checked by anyone, revoked by a coordinator in the admin; pages checked by axe."""

import re

import pytest

from cms.badges.models import Badge, BadgeKind
from cms.badges.services import issue_badge
from cms.members.factories import ActiveMemberFactory
from cms.users.factories import UserFactory

# serialized_rollback restores the home page and site that migrations create.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sign_in(page, visit, email):
    page.context.clear_cookies()
    visit("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r".*/(members|admin)/.*"))


def test_a_badge_is_valid_until_a_coordinator_revokes_it(
    page, visit, axe, coordinator, sign_in, with_two_factor
):
    with_two_factor(coordinator)
    profile = ActiveMemberFactory(
        user=UserFactory(email="badge.holder@example.org", first_name="Rosa", last_name="Delgado")
    )
    badge = issue_badge(member=profile, kind=BadgeKind.PHOTO_ID)
    check_path = f"/check/{badge.code}/"

    # A visitor checks the printed code.
    page.context.clear_cookies()
    visit(check_path)
    assert page.get_by_role("heading", name="Valid").is_visible()
    assert page.get_by_text("Rosa D.").is_visible()
    assert "Delgado" not in page.content()
    axe.assert_clean(page)

    # The member's own badges and data pages.
    _sign_in(page, visit, "badge.holder@example.org")
    visit("/members/badges/")
    assert page.get_by_role("heading", name="Your badge and parking permit").is_visible()
    axe.assert_clean(page)
    visit("/members/my-data/")
    assert page.get_by_role("heading", name="Your data", exact=True).is_visible()
    axe.assert_clean(page)

    # A coordinator revokes it in the Wagtail admin.
    sign_in(coordinator.email, two_factor=True)
    visit("/admin/badges/")
    page.get_by_role("link", name=f"Revoke {badge.code}").click()
    page.get_by_label("Why is this badge being revoked?").fill("Reported lost")
    page.get_by_role("button", name="Revoke badge").click()
    page.wait_for_url("**/admin/badges/")
    badge.refresh_from_db()
    assert badge.revoked_at is not None
    assert badge.revoked_by == coordinator

    # The visitor now sees it is revoked.
    page.context.clear_cookies()
    visit(check_path)
    assert page.get_by_role("heading", name="Revoked").is_visible()
    assert page.get_by_text("must not be used").is_visible()
    axe.assert_clean(page)


def test_an_unknown_code_says_not_found(page, axe, home_page):
    page.context.clear_cookies()
    response = page.goto(page.base_url + "/check/ABCDEFGHJK/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Badge not found").is_visible()
    axe.assert_clean(page)
    assert not Badge.objects.exists()
