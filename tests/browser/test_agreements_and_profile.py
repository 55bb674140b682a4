"""An active member changes part of their profile and signs an agreement, in the browser,
with every page (error states included) checked by axe."""

import pytest

from cms.agreements import demo as agreements_demo
from cms.agreements.models import AgreementSignature
from cms.members.factories import ActiveMemberFactory
from cms.users.factories import UserFactory

# serialized_rollback restores the home page and site that migrations create.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_active_member_updates_their_profile_and_signs_an_agreement(page, visit, axe):
    user = UserFactory(email="rosa@example.org", first_name="Rosa", last_name="Parkes")
    profile = ActiveMemberFactory(user=user)
    agreements_demo.load_demo()

    visit("/accounts/login/")
    page.get_by_label("Email").fill("rosa@example.org")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/members/")

    # The profile summary, and one topic's page.
    visit("/members/profile/")
    assert page.get_by_role("heading", name="Your involvement profile", level=1).is_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="Change their phone number").click()
    page.wait_for_url("**/members/profile/emergency-contact/")
    axe.assert_clean(page)

    # Leave out the phone number: the error is summarised and the title says so.
    page.get_by_label("Their full name").fill("Tom Parkes")
    page.get_by_label("Their phone number").fill("")
    page.get_by_role("button", name="Save changes").click()
    assert page.title().startswith("Error: ")
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert "Enter your emergency contact's phone number" in summary.inner_text()
    axe.assert_clean(page)

    page.get_by_label("Their phone number").fill("07700 900321")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url("**/members/profile/")
    assert page.get_by_text("We have saved your changes to your emergency contact.").is_visible()
    axe.assert_clean(page)
    profile.refresh_from_db()
    assert profile.emergency_contact_name == "Tom Parkes"

    # Agreements: the list, one agreement with a mistake, then signed.
    visit("/members/agreements/")
    axe.assert_clean(page)
    page.get_by_role("link", name="Read and sign the code of conduct").click()
    page.wait_for_url("**/members/agreements/code-of-conduct/")
    axe.assert_clean(page)

    page.get_by_label("Type your full name").fill("Someone Else")
    page.get_by_role("button", name="Sign the agreement").click()
    assert page.title().startswith("Error: ")
    axe.assert_clean(page)

    page.get_by_label("Type your full name").fill("rosa parkes")
    page.get_by_label("I have read this agreement and I agree to it").check()
    page.get_by_role("button", name="Sign the agreement").click()
    page.wait_for_url("**/members/agreements/")
    assert page.get_by_text("You have signed the code of conduct.").is_visible()
    axe.assert_clean(page)
    signature = AgreementSignature.objects.get(user=user)
    assert signature.version.number == 2


def test_every_profile_topic_page_is_accessible(page, visit, axe):
    from cms.members.profile.views import SECTIONS
    from cms.taxonomy import demo as taxonomy_demo

    taxonomy_demo.load_demo()
    ActiveMemberFactory(user=UserFactory(email="sol@example.org"))
    visit("/accounts/login/")
    page.get_by_label("Email").fill("sol@example.org")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/members/")
    for section in SECTIONS:
        visit(f"/members/profile/{section.slug}/")
        axe.assert_clean(page)
