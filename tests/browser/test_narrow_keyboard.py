"""Keyboard only, 320 pixels wide: from the home page, through the list, to an opportunity and its Easy Read
version, then the display settings form. Every element that takes focus is visible and
inside the screen, and no page scrolls sideways (nothing is cut off)."""

import re

import pytest
from keyboard_checks import assert_nothing_cut_off, tab_to
from playwright.sync_api import expect

from cms.opportunities import demo as opportunities_demo
from cms.taxonomy import demo as taxonomy_demo

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def opportunities_site(home_page, site):
    taxonomy_demo.load_demo()
    opportunities_demo.load_demo(home_page=home_page)
    home_page.body = [("latest_opportunities", {"heading": "Opportunities open now", "count": 3})]
    home_page.save_revision().publish()


@pytest.fixture
def narrow(page):
    page.set_viewport_size({"width": 320, "height": 640})
    return page


def test_keyboard_journey_at_320_pixels(narrow, visit, opportunities_site):
    page = narrow
    visit("/")
    assert_nothing_cut_off(page)

    tab_to(page, "See all opportunities")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/opportunities/$"))
    assert_nothing_cut_off(page)

    tab_to(page, "Help choose the new home care provider")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/choose-the-new-home-care-provider/$"))
    assert_nothing_cut_off(page)

    tab_to(page, "Easy Read version")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/easy-read/$"))
    assert_nothing_cut_off(page)

    tab_to(page, "Display settings")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/display-settings/$"))
    assert_nothing_cut_off(page)

    # Radios: Tab reaches the chosen one of each group; an arrow key chooses the next.
    tab_to(page, "Standard text")
    page.keyboard.press("ArrowDown")
    tab_to(page, "Standard colours")
    page.keyboard.press("ArrowDown")
    tab_to(page, "Save display settings")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your display settings are saved.")).to_be_visible()
    expect(page.locator("html")).to_have_class("involve-text-large involve-contrast-high")
    assert_nothing_cut_off(page)

    # Large text reflows too.
    for path in ("/", "/opportunities/choose-the-new-home-care-provider/easy-read/"):
        visit(path)
        assert_nothing_cut_off(page)
