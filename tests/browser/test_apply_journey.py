"""Joining, in the browser: sign up, verify, apply over two visits, send.

Every page of the application is checked by axe, empty and showing its errors.
"""

import re

import pytest
from django.core import mail

from cms.members.choices import Status
from cms.members.models import EqualityMonitoring, MemberProfile
from cms.taxonomy.demo import load_demo

# serialized_rollback restores the home page and site that migrations create.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "new.applicant@example.org"
PASSWORD = "a-long-and-careful-password-42"


def fill_about_you(page):
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Jones")
    page.get_by_label("What would you like us to call you?").fill("Addie")
    page.get_by_label("Phone number").fill("07700 900982")
    page.get_by_label("Address").fill("1 High Street\nLeeds")
    page.get_by_label("Postcode").fill("LS1 4AP")


def fill_lived_experience(page):
    page.get_by_label("Both", exact=True).check()
    page.get_by_label("Dementia", exact=True).check()


def fill_skills(page):
    page.get_by_label("A short description of you").fill("I cared for my dad for ten years.")


def fill_involvement(page):
    page.get_by_label("Focus group", exact=True).check()
    page.get_by_label("Either", exact=True).check()


def fill_availability(page):
    page.get_by_label("Tuesday", exact=True).check()
    page.get_by_label("Mornings", exact=True).check()
    page.get_by_label("About a week", exact=True).check()


def fill_access_needs(page):
    page.get_by_label("Large print", exact=True).check()
    page.get_by_label("No", exact=True).check()


def fill_contact(page):
    page.get_by_label("Email", exact=True).check()


def fill_payment(page):
    page.get_by_label("Expenses only", exact=True).check()


def fill_emergency_contact(page):
    page.get_by_label("Their full name").fill("Sam Jones")
    page.get_by_label("How do you know them?").fill("Son")
    page.get_by_label("Their phone number").fill("01632 960001")


def fill_equality(page):
    page.check("#id_age_band_4")  # 65 to 74
    page.check("#id_sex_2")  # prefer not to say


def fill_consent(page):
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_label("I agree that you can keep").check()


# slug: (how to answer it, whether posting it empty shows an error)
SECTIONS = {
    "about-you": fill_about_you,
    "lived-experience": fill_lived_experience,
    "skills": fill_skills,
    "involvement": fill_involvement,
    "availability": fill_availability,
    "access-needs": fill_access_needs,
    "contact": fill_contact,
    "payment": fill_payment,
    "emergency-contact": fill_emergency_contact,
    "equality": fill_equality,
    "consent": fill_consent,
}
# Equality questions are all optional, so that page has no error to show.
NOTHING_REQUIRED = {"equality"}


def save_and_continue(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Save and continue").click()


def answer_section(page, visit, axe, slug):
    visit(f"/members/apply/{slug}/")
    axe.assert_clean(page)
    if slug not in NOTHING_REQUIRED:
        save_and_continue(page)
        assert page.title().startswith("Error: "), slug
        summary = page.locator(".nhsuk-error-summary")
        assert summary.is_visible()
        # Each message in the summary links to its question.
        first_link = summary.get_by_role("link").first
        target = first_link.get_attribute("href")
        assert page.locator(target).count() == 1, target
        axe.assert_clean(page)
    SECTIONS[slug](page)
    save_and_continue(page)
    assert not page.title().startswith("Error: "), f"{slug}: {page.url}"


def sign_in(page, visit):
    visit("/accounts/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/members/")


def test_a_new_person_signs_up_and_applies_over_two_visits(page, visit, axe):
    load_demo()

    # Sign up and verify the email address from the message we send.
    visit("/accounts/signup/")
    axe.assert_clean(page)
    page.fill("input[name=email]", EMAIL)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    axe.assert_clean(page)  # "check your email"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[0].body).group(0)
    path = "/" + link.split("/", 3)[3]
    visit(path)
    axe.assert_clean(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/members/")

    # My account invites them to apply.
    axe.assert_clean(page)
    page.get_by_role("link", name="Apply to join").click()
    page.wait_for_url("**/members/apply/")
    assert page.locator(".nhsuk-task-list__item").count() == len(SECTIONS)
    axe.assert_clean(page)

    first_visit = list(SECTIONS)[:5]
    for slug in first_visit:
        answer_section(page, visit, axe, slug)

    # Start the next section, then stop part-way.
    visit("/members/apply/access-needs/")
    page.get_by_label("What support would help you at meetings?").fill("A hearing loop")
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_url("**/members/apply/")
    assert page.get_by_text("Your answers are saved").is_visible()
    axe.assert_clean(page)

    # Sign out, and come back another day.
    visit("/members/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    sign_in(page, visit)
    page.get_by_role("link", name="Continue your application").click()
    page.wait_for_url("**/members/apply/")
    assert page.locator(".nhsuk-task-list__status--completed").count() == len(first_visit)
    assert page.locator("#access-needs-status").inner_text() == "In progress"

    visit("/members/apply/access-needs/")
    assert page.get_by_label("What support would help you at meetings?").input_value() == (
        "A hearing loop"
    )
    for slug in list(SECTIONS)[5:]:
        answer_section(page, visit, axe, slug)

    # Every section done: check the answers, then send.
    visit("/members/apply/")
    assert page.locator(".nhsuk-task-list__status--completed").count() == len(SECTIONS)
    page.get_by_role("link", name="Check your answers").click()
    page.wait_for_url("**/check-your-answers/")
    assert page.get_by_text("I cared for my dad for ten years.").is_visible()
    assert page.get_by_text("A hearing loop").is_visible()
    axe.assert_clean(page)
    page.get_by_role("button", name="Send application").click()
    page.wait_for_url("**/members/apply/status/**")
    assert page.get_by_role("heading", name="Application sent").is_visible()
    axe.assert_clean(page)

    visit("/members/")
    assert page.get_by_text("Application received", exact=True).is_visible()
    axe.assert_clean(page)

    # The sent application can no longer be changed here.
    visit("/members/apply/payment/")
    assert "/members/apply/status/" in page.url
    axe.assert_clean(page)

    profile = MemberProfile.objects.get(user__email=EMAIL)
    assert profile.status == Status.SUBMITTED
    assert profile.meeting_support == "A hearing loop"
    assert profile.user.first_name == "Ada"
    assert EqualityMonitoring.objects.get(user=profile.user).sex == "prefer_not_to_say"
    assert any("application" in message.subject.lower() for message in mail.outbox[1:])
