"""A member names a supporter; the supporter signs in with their own account, accepts,
acts for the member and says they are interested in an opportunity; every record shows
the supporter did it; the member ends the arrangement and the supporter's very next
page is refused. Every new page is checked by axe."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from cms.audit.models import AuditEvent
from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import Interest, InterestChange
from cms.supporters.models import ArrangementStatus, SupportArrangement
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_supporter_acts_for_a_member_until_the_member_ends_it(
    page, visit, axe, sign_in, make_opportunity, coordinator, settings
):
    member_user = UserFactory(email="rosa@example.org", first_name="Rosa", last_name="Parkes")
    member = ActiveMemberFactory(user=member_user)
    supporter = UserFactory(email="sam.okafor@example.org", first_name="Sam", last_name="Okafor")
    opportunity = make_opportunity(title="Dementia forum")
    start = timezone.localtime() + dt.timedelta(days=7)
    OpportunitySessionFactory(
        page=opportunity,
        title="Spring meeting",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )

    # The member names a supporter.
    sign_in("rosa@example.org")
    visit("/members/supporters/")
    expect(page.get_by_role("heading", name="People who help me")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="Name a supporter").click()
    expect(page.get_by_role("heading", name="Name a supporter")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert page.title().startswith("Error: ")
    axe.assert_clean(page)
    page.get_by_label("Their full name").fill("Sam Okafor")
    page.get_by_label("Their email address").fill("sam.okafor@example.org")
    page.get_by_label("Carer").check()
    page.get_by_label("Say they are interested in opportunities").check()
    page.get_by_label("I agree that this person may act for me").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("We have sent Sam Okafor an invitation")).to_be_visible()
    axe.assert_clean(page)
    arrangement = SupportArrangement.objects.get(member=member)
    assert arrangement.status == ArrangementStatus.INVITED
    assert "I agree that Sam Okafor may act for me" in arrangement.consent_wording

    # The supporter signs in with their own account and accepts the invitation.
    invitation = next(m for m in mail.outbox if m.to == ["sam.okafor@example.org"])
    link = re.search(r"/members/supporters/invitation/\S+/", invitation.body).group(0)
    sign_in("sam.okafor@example.org")
    visit(link)
    expect(page.get_by_role("heading", name="Be a supporter for Rosa Parkes")).to_be_visible()
    axe.assert_clean(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Accept and be their supporter").click()
    expect(page.get_by_role("heading", name="People you help")).to_be_visible()
    axe.assert_clean(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Act for Rosa Parkes").click()
    expect(page.get_by_role("heading", name="Rosa Parkes's dashboard")).to_be_visible()
    expect(page.get_by_text("You are acting for Rosa Parkes")).to_be_visible()
    axe.assert_clean(page)

    # ... and says Rosa is interested in the forum.
    visit(opportunity.url)
    expect(page.get_by_text("You are acting for Rosa Parkes")).to_be_visible()
    page.get_by_role("link", name="I'm interested").click()
    page.wait_for_url(f"**/members/taking-part/interest/{opportunity.pk}/")
    axe.assert_clean(page)
    page.get_by_label("Spring meeting", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send: I'm interested").click()
    page.wait_for_url("**/sent/")
    interest = Interest.objects.get()
    assert interest.member == member
    assert InterestChange.objects.get(interest=interest).changed_by == supporter
    assert AuditEvent.objects.filter(member=member, actor=supporter).exists()

    # Bank details stay Rosa's alone, with a clear refusal.
    response = page.goto(page.base_url + "/members/bank-details/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="Only Rosa Parkes can use this page")).to_be_visible()
    axe.assert_clean(page)
    supporter_cookies = page.context.cookies()

    # Rosa sees who did it, and the coordinator does too.
    sign_in("rosa@example.org")
    visit("/members/taking-part/")
    expect(page.get_by_text("Done for you by Sam Okafor (supporter)")).to_be_visible()
    axe.assert_clean(page)
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    staff = Client()
    staff.force_login(coordinator)
    responses = staff.get(reverse("participation_admin:responses", args=[opportunity.pk]))
    assert "Sam Okafor (supporter)" in responses.content.decode()

    # Rosa ends the arrangement.
    visit("/members/supporters/")
    page.get_by_role("link", name="Stop Sam Okafor acting for you").click()
    expect(page.get_by_role("heading", name="Stop Sam Okafor acting for you")).to_be_visible()
    axe.assert_clean(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Stop Sam Okafor acting for me").click()
    expect(page.get_by_text("Sam Okafor can no longer act for you.")).to_be_visible()
    axe.assert_clean(page)
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.ENDED
    assert arrangement.ended_by == member_user

    # Sam's very next request, in Sam's own session, is refused.
    page.context.clear_cookies()
    page.context.add_cookies(supporter_cookies)
    response = page.goto(page.base_url + "/members/taking-part/")
    assert response.status == 403
    expect(
        page.get_by_role("heading", name="You can no longer act for this person")
    ).to_be_visible()
    expect(page.get_by_text("You are acting for Rosa Parkes")).to_have_count(0)
    axe.assert_clean(page)
