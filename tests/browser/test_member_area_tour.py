"""The demo's members, signed in, go round their whole members area; axe checks every page.

Each area has its own journeys; this is the member's view of all of them together, with
the demo's realistic records, so the dashboard's panels and every page they link to are
checked side by side.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-demo-password"


@pytest.fixture
def demo_site(home_page):
    call_command("load_demo_data", password=PASSWORD, stdout=StringIO())


def test_a_member_goes_round_their_members_area(page, visit, axe, sign_in, demo_site):
    sign_in("member@example.org", password=PASSWORD)
    visit("/members/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    for heading in ("Your messages", "Mentoring", "Training", "Your development plan"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    axe.assert_clean(page)

    for link, heading in [
        ("Your training record", "Your training"),
        ("Your development plan", "Your development plan"),
        ("Mentoring", "Mentoring"),
        ("Payments and expenses", "Payments and expenses"),
        ("See all your messages", "Your messages"),
    ]:
        visit("/members/")
        page.locator("main").get_by_role("link", name=link, exact=True).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        axe.assert_clean(page)

    for path in ("/members/benefits/", "/members/bank-details/", "/members/bulletin/"):
        visit(path)
        axe.assert_clean(page)


def test_a_mentor_reads_their_mentees_shared_plan(page, visit, axe, sign_in, demo_site):
    sign_in("mentor@example.org", password=PASSWORD)
    visit("/members/mentoring/")
    axe.assert_clean(page)
    page.locator("main").get_by_role("link", name="Dev Patel").first.click()
    axe.assert_clean(page)
    expect(page.locator("main")).to_contain_text("plan")
