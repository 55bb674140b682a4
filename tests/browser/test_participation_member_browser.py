"""A member says "I'm interested", follows it and checks in, in the browser, with every
page (error states included) checked by axe."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import Interest, InterestStatus
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_member_says_they_are_interested_and_follows_it(page, visit, axe, make_opportunity):
    user = UserFactory(email="rosa@example.org", first_name="Rosa", last_name="Parkes")
    ActiveMemberFactory(user=user, reasonable_adjustments="Regular breaks")
    opportunity = make_opportunity(title="Dementia forum")
    start = timezone.localtime() + dt.timedelta(days=7)
    OpportunitySessionFactory(
        page=opportunity,
        title="Spring meeting",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )

    visit("/accounts/login/")
    page.get_by_label("Email").fill("rosa@example.org")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/members/")
    axe.assert_clean(page)  # the dashboard, with nothing yet

    visit(opportunity.url)
    page.get_by_role("link", name="I'm interested").click()
    page.wait_for_url(f"**/members/taking-part/interest/{opportunity.pk}/")
    assert page.get_by_label("What do you need to take part in this opportunity?").input_value()
    axe.assert_clean(page)
    page.get_by_label("Spring meeting", exact=False).check()
    page.get_by_role("button", name="Send: I'm interested").click()
    page.wait_for_url("**/sent/")
    axe.assert_clean(page)
    assert Interest.objects.get().status == InterestStatus.INTERESTED

    Interest.objects.update(status=InterestStatus.SELECTED)
    visit("/members/")
    assert page.get_by_role("heading", name="Sessions coming up").is_visible()
    axe.assert_clean(page)

    visit("/members/taking-part/")
    axe.assert_clean(page)
    page.get_by_role("link", name="Withdraw from Dementia forum").click()
    axe.assert_clean(page)

    visit("/members/taking-part/check-in/")
    axe.assert_clean(page)
    page.get_by_role("button", name="Check in").click()
    assert page.title().startswith("Error: ")
    axe.assert_clean(page)

    visit("/members/taking-part/calendar/")
    axe.assert_clean(page)
