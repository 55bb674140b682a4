"""A visitor's tour of the demo site, with axe checking every page against WCAG 2.2 A and AA."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cms.bulletins.models import BulletinPage
from cms.resources.models import ResourcePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo_site(home_page):
    call_command("load_demo_data", password="a-long-demo-password", stdout=StringIO())


def test_a_visitor_finds_their_way_around_and_every_page_passes_axe(page, visit, axe, demo_site):
    visit("/")
    axe.assert_clean(page)

    # The opportunities list, filtered two ways, with the filters in a link that can be shared.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Opportunities").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opportunities")
    page.get_by_label("Dementia").check()
    page.get_by_label("Open opportunities only").check()
    page.get_by_role("button", name="Show opportunities").click()
    expect(page).to_have_url(re.compile(r"service_area=dementia.*open=1"))
    axe.assert_clean(page)

    # What changed because of what people said, linked from the list.
    page.get_by_role("link", name=re.compile("^You said, we did")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You said, we did")
    expect(page.locator("main li a").first).to_be_visible()
    axe.assert_clean(page)

    visit("/opportunities/?type=survey&payment=expenses")
    results = page.locator("main h2 a, main h3 a")
    expect(results.first).to_be_visible()
    axe.assert_clean(page)

    results.first.click()
    expect(page.get_by_role("heading", name="At a glance")).to_be_visible()
    axe.assert_clean(page)

    visit("/jargon-buster/?q=co-production")
    expect(page.locator("main")).to_contain_text("Co-production")
    axe.assert_clean(page)

    visit("/training/")
    page.locator("main").get_by_role("link", name="Safeguarding adults").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Safeguarding adults")
    axe.assert_clean(page)

    # An issue of the bulletin and a resource, opened from their lists by their titles (the
    # first link on each list is the subscribe link or a contents anchor, not an item).
    issue = BulletinPage.objects.live().order_by("-issue_date").first()
    visit("/bulletins/")
    page.locator("main").get_by_role("link", name=issue.title, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(issue.title)
    axe.assert_clean(page)

    resource = ResourcePage.objects.live().order_by("path").first()
    visit("/resources/")
    page.locator("main").get_by_role("link", name=resource.title, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(resource.title)
    axe.assert_clean(page)


def test_the_suggestion_box_and_its_error_state_pass_axe(page, visit, axe, demo_site):
    visit("/get-involved/suggestion-box/")
    axe.assert_clean(page)

    page.locator("main form button[type=submit], main form input[type=submit]").last.click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    axe.assert_clean(page)

    summary.get_by_role("link").first.click()
    page.locator("main textarea").first.fill("Please put the meeting papers online a week before.")
    page.locator("main form button[type=submit], main form input[type=submit]").last.click()
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator(".nhsuk-error-summary")).to_have_count(0)
    axe.assert_clean(page)
