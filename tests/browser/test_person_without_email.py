"""A coordinator registers someone from a paper form and acts for them; their messages
become letters to print and post, and nobody emails them."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.members.choices import Status
from cms.members.models import MemberProfile, OnBehalfAction
from cms.notifications.models import Channel, Delivery
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import Attendance, InterestStatus

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def assert_accessible(page, axe):
    """axe on the page as on a fresh visit: Wagtail's own success message fails colour
    contrast (see test_recruitment.py), so the page is reloaded without it first."""
    page.reload()
    axe.assert_clean(page)


def test_a_coordinator_registers_a_person_from_a_paper_form_and_acts_for_them(
    page,
    visit,
    axe,
    coordinator,
    make_opportunity,
    mailoutbox,
    sign_in,
    with_two_factor,
    pdf_contains,
):
    opportunity = make_opportunity(title="Carers listening event")
    session = OpportunitySessionFactory(page=opportunity, title="Morning session")
    with_two_factor(coordinator)
    sign_in(coordinator.email, two_factor=True)

    # Register her from the paper form.
    visit("/admin/people/register/")
    expect(page.get_by_role("heading", name=re.compile("Register someone"))).to_be_visible()
    axe.assert_clean(page)
    page.get_by_label("First name").fill("Margaret")
    page.get_by_label("Last name").fill("Hughes")
    page.locator("input[name=how_applied][value=paper]").check()
    page.get_by_label("Postal address").fill("7 Chapel Lane\nHillside\nLeeds")
    page.get_by_label("Postcode").fill("LS6 2QT")
    page.get_by_label("Phone number").fill("0113 496 0732")
    page.get_by_label("Letter by post").check()
    page.get_by_label("They agreed to the privacy notice").check()
    page.locator("input[name=consent_given_how][value=paper]").check()
    consent_on = timezone.localdate() - dt.timedelta(days=2)
    page.get_by_label("Date they gave their consent").fill(consent_on.isoformat())
    page.keyboard.press("Escape")
    page.locator("input[name=stage][value=recruited]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Register them").click()

    member = MemberProfile.objects.get(user__last_name="Hughes")
    expect(page).to_have_url(re.compile(rf"/admin/applications/{member.pk}/$"))
    expect(page.locator("[data-testid=member-status]")).to_have_text("Active member")
    on_behalf = page.locator("[data-testid=on-behalf]")
    expect(on_behalf).to_contain_text("has no email address and cannot sign in")
    expect(on_behalf).to_contain_text(f"Done for them by {coordinator.get_full_name()}")
    assert_accessible(page, axe)

    # Say she is interested, as she told us on the phone.
    page.get_by_role("link", name="Say they are interested").click()
    expect(page.get_by_label("Opportunity")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_label("Opportunity").select_option(str(opportunity.pk))
    page.get_by_label("What they would like us to know").fill("Mornings suit me best.")
    with page.expect_navigation():
        page.get_by_role("button", name="Say they are interested").click()
    expect(page.locator("[data-testid=on-behalf]")).to_contain_text("Carers listening event")

    # She is selected, as anyone would be, on the opportunity's responses page.
    visit(f"/admin/taking-part/{opportunity.pk}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Select", exact=True).click()
    expect(page.locator("[data-testid=interest-status]").first).to_have_text("Selected")

    # Record that she came.
    visit(f"/admin/people/{member.pk}/attendance/")
    axe.assert_clean(page)
    page.get_by_label("Session").select_option(str(session.pk))
    page.get_by_label("Yes, they came").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Record attendance").click()
    expect(page.locator("[data-testid=on-behalf]")).to_contain_text("Came to")
    attendance = Attendance.objects.get(interest__member=member, session=session)
    assert attendance.attended and attendance.recorded_by == coordinator
    assert set(member.on_behalf_actions.values_list("kind", flat=True)) == {
        OnBehalfAction.Kind.REGISTERED,
        OnBehalfAction.Kind.INTEREST,
        OnBehalfAction.Kind.ATTENDANCE,
    }
    assert member.interests.get().status == InterestStatus.SELECTED

    # The other things done for her have pages that pass axe too.
    for action in ("feedback", "claim", "sign-in"):
        visit(f"/admin/people/{member.pk}/{action}/")
        axe.assert_clean(page)

    # Her messages wait as letters to print and post.
    visit("/admin/messages/by-hand/")
    expect(page.get_by_role("cell", name="Margaret Hughes").first).to_be_visible()
    axe.assert_clean(page)
    letters = Delivery.objects.filter(notification__recipient=member.user)
    assert letters.exists()
    assert set(letters.values_list("channel", flat=True)) == {Channel.POST}
    for letter in letters:
        link = page.locator(f"a[href$='/admin/messages/by-hand/{letter.pk}/letter/']")
        expect(link).to_be_visible()
        pdf = page.request.get(page.base_url + link.get_attribute("href"))
        assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
        body = pdf.body()
        assert pdf_contains(body, "Margaret Hughes")
        assert pdf_contains(body, "LS6 2QT")
        assert pdf_contains(body, letter.notification.subject)

    # Nobody emailed her: she has no address, and no email delivery was made.
    member.user.refresh_from_db()
    assert member.user.email is None
    assert member.status == Status.ACTIVE
    assert mailoutbox == []
    assert not Delivery.objects.filter(
        notification__recipient=member.user, channel=Channel.EMAIL
    ).exists()
