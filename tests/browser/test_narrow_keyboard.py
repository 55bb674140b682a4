"""Keyboard only, 320 pixels wide: from the home page, through the list, to an opportunity and its Easy Read
version, then the display settings form. Every element that takes focus is visible and
inside the screen, and no page scrolls sideways (nothing is cut off)."""

import re

import pytest
from playwright.sync_api import expect

from cms.opportunities import demo as opportunities_demo
from cms.taxonomy import demo as taxonomy_demo

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

MAX_TABS = 120
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // NHS.UK radios and checkboxes draw their focus on the label; the input itself is see-through.
  const shown = (el.type === "radio" || el.type === "checkbox") && el.labels.length
    ? el.labels[0] : el;
  const box = shown.getBoundingClientRect();
  return {
    text: (shown.innerText || el.value || el.getAttribute("aria-label") || "").trim(),
    visible: shown.checkVisibility({visibilityProperty: true, opacityProperty: true}),
    left: box.left, right: box.right, width: box.width, height: box.height,
    screen: window.innerWidth,
  };
}"""


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


def assert_nothing_cut_off(page):
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} is {widths[0]}px wide in a {widths[1]}px screen"


def tab_to(page, text: str):
    """Press Tab until the element whose text starts with ``text`` has focus, checking that
    everything focused on the way is visible and inside the screen."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        assert focused["visible"] and focused["width"] > 0 and focused["height"] > 0, focused
        assert focused["left"] >= -1 and focused["right"] <= focused["screen"] + 1, focused
        if focused["text"].startswith(text):
            return
    raise AssertionError(f"Tab never reached {text!r} on {page.url}")


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
