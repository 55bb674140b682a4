"""The Easy Read switch on an opportunity goes to its Easy Read version and back, and both
versions are axe-clean, in the standard display and with large text and high contrast."""

import re

import pytest
from playwright.sync_api import expect

from cms.opportunities import demo as opportunities_demo
from cms.taxonomy import demo as taxonomy_demo

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OPPORTUNITY = "/opportunities/choose-the-new-home-care-provider/"


@pytest.fixture
def opportunities_site(home_page, site):
    # The demo gives this opportunity an Easy Read version with a picture for each point.
    taxonomy_demo.load_demo()
    opportunities_demo.load_demo(home_page=home_page)


def test_the_easy_read_switch_goes_there_and_back(page, visit, axe, opportunities_site):
    visit(OPPORTUNITY)
    axe.assert_clean(page)

    page.get_by_role("link", name=re.compile(r"^Easy Read version")).click()
    expect(page).to_have_url(re.compile(r"/choose-the-new-home-care-provider/easy-read/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Easy Read")
    points = page.locator(".involve-easy-read__point")
    expect(points.first).to_be_visible()
    expect(points.first.locator("img")).to_have_count(1)
    axe.assert_clean(page)

    page.get_by_role("link", name=re.compile(r"^Standard version")).first.click()
    expect(page).to_have_url(re.compile(r"/choose-the-new-home-care-provider/\?version=standard$"))
    expect(page.get_by_role("link", name=re.compile(r"^Easy Read version"))).to_be_visible()

    # Once more with large text and high contrast.
    visit("/display-settings/")
    page.get_by_label("Large text").check()
    page.get_by_label("High contrast").check()
    page.get_by_role("button", name="Save display settings").click()
    expect(page.get_by_text("Your display settings are saved.")).to_be_visible()
    html = page.locator("html")
    expect(html).to_have_class(re.compile(r"involve-text-large"))
    expect(html).to_have_class(re.compile(r"involve-contrast-high"))
    axe.assert_clean(page)
    visit(OPPORTUNITY)
    axe.assert_clean(page)
    visit(OPPORTUNITY + "easy-read/")
    expect(html).to_have_class(re.compile(r"involve-contrast-high"))
    axe.assert_clean(page)
