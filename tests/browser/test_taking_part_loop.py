"""The whole loop of taking part, in the browser, as each person does it.

The member says they are interested with an adjustment; the coordinator sees it, selects
them and records attendance; the member gives feedback; the coordinator replies; the editor
publishes the outcome; the member sees the reply and the outcome on their dashboard. axe
checks every page the member sees, and the coordinator's pages apart from Wagtail's own
success banner (see test_recruitment.py).
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fresh(page, axe):
    """axe without Wagtail's own success banner, whose green fails colour contrast."""
    page.reload()
    axe.assert_clean(page)


def test_interest_selection_attendance_feedback_reply_and_outcome(
    page, visit, axe, make_opportunity, coordinator, editor, sign_in, with_two_factor, mailoutbox
):
    with_two_factor(coordinator)
    with_two_factor(editor)
    rosa = UserFactory(email="rosa@example.org", first_name="Rosa", last_name="Parkes")
    ActiveMemberFactory(
        user=rosa,
        references_received_on=timezone.localdate(),
        dbs_checked_on=timezone.localdate(),
    )
    opportunity = make_opportunity(title="Dementia forum", places=4)
    # The session is under way: it started an hour ago, so attendance can be recorded.
    start = timezone.localtime() - dt.timedelta(hours=1)
    session = OpportunitySessionFactory(
        page=opportunity,
        title="Spring meeting",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )

    # The member says they are interested, asking for a break every hour.
    sign_in("rosa@example.org")
    visit(opportunity.url)
    page.get_by_role("link", name="I'm interested").click()
    page.get_by_label("What do you need to take part in this opportunity?").fill(
        "A break every hour"
    )
    page.get_by_label("Spring meeting", exact=False).check()
    axe.assert_clean(page)
    page.get_by_role("button", name="Send: I'm interested").click()
    page.wait_for_url("**/sent/")
    axe.assert_clean(page)

    # The coordinator sees the adjustment, selects her and records that she came.
    sign_in("coordinator@example.org", two_factor=True)
    visit(f"/admin/taking-part/{opportunity.pk}/")
    expect(page.locator("main")).to_contain_text("A break every hour")
    page.get_by_role("button", name="Select", exact=True).click()
    expect(page.locator("main")).to_contain_text("Selected")
    fresh(page, axe)
    visit(f"/admin/taking-part/sessions/{session.pk}/attendance/")
    page.get_by_label("Attended", exact=True).check()
    # Wait for the form's answer: reloading while it loads detaches the page.
    with page.expect_navigation():
        page.get_by_role("button", name="Save attendance").click()
    fresh(page, axe)

    # The member gives feedback.
    sign_in("rosa@example.org")
    page.get_by_role("link", name=re.compile(r"Spring meeting\W+give feedback")).click()
    axe.assert_clean(page)
    for question in ["felt_valued", "papers_in_time", "adjustments_met", "knows_what_happens_next"]:
        page.locator(f"input[name={question}][value=yes]").check()
    page.get_by_label("Is there anything else you want to tell us?").fill(
        "Please send the papers in large print next time."
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/thank-you/")
    axe.assert_clean(page)

    # The coordinator replies.
    sign_in("coordinator@example.org", two_factor=True)
    visit("/admin/session-feedback/")
    page.get_by_role("link", name=re.compile(r"Read and reply.*Spring meeting")).click()
    expect(page.locator("main")).to_contain_text("large print")
    page.get_by_label("Your reply").fill("Thank you: we will send large print from now on.")
    # Wait for the form's answer: reloading while it loads detaches the page.
    with page.expect_navigation():
        page.get_by_role("button", name="Send reply").click()
    fresh(page, axe)

    # The editor publishes the outcome in the Wagtail admin.
    sign_in("editor@example.org", two_factor=True)
    visit(f"/admin/pages/{opportunity.pk}/edit/")
    page.get_by_role("tab", name="You said, we did").click()
    for field, text in [
        ("outcome_what_you_said", "Papers should come in large print."),
        ("outcome_what_changed", "Every forum pack now comes in large print."),
    ]:
        page.locator(f"[data-field-wrapper]:has(#id_{field}) [contenteditable=true]").click()
        page.keyboard.type(text)
    # Set the date without focusing the field: focus opens Wagtail's date picker, whose
    # overlay can cover the footer's Publish button and make the click flaky.
    page.locator("#id_outcome_published_on").evaluate(
        "(input, value) => { input.value = value;"
        " input.dispatchEvent(new Event('change', {bubbles: true})); }",
        timezone.localdate().isoformat(),
    )
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("published")

    # The member sees the reply and the outcome on the dashboard.
    sign_in("rosa@example.org")
    visit("/members/")
    expect(page.get_by_role("heading", name="Replies to your feedback")).to_be_visible()
    expect(page.get_by_role("heading", name="You said, we did")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name=re.compile(r"Spring meeting\W+read the reply")).click()
    expect(page.locator("main")).to_contain_text("we will send large print from now on")
    axe.assert_clean(page)
    visit("/members/")
    page.locator("main a[href$='#you-said-we-did']").click()
    expect(page.locator("section[aria-labelledby=you-said-we-did]")).to_contain_text("large print")
    axe.assert_clean(page)
    told = [m for m in mailoutbox if m.to == ["rosa@example.org"] and "said" in m.body.lower()]
    assert told, "everyone who took part is told when the outcome is published"
