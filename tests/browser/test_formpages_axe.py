"""axe-core (WCAG 2.2 A and AA) on the demo forms and charter: empty, with errors, after sending.

axe needs JavaScript; the forms themselves are plain HTML posts.
"""

import pytest
from playwright.sync_api import expect

from cms.formpages import demo as formpages_demo
from cms.formpages.models import CharterSignature
from cms.home.demo import load_general_pages

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def form_pages(home_page, site):
    get_involved = load_general_pages(home_page=home_page)["get_involved"]
    formpages_demo.load_demo(home_page=home_page, parent_page=get_involved)


def test_forms_and_their_error_and_thank_you_pages_pass_axe(page, visit, axe, form_pages):
    for path in ["suggestion-box", "feedback", "charter"]:
        visit(f"/get-involved/{path}/")
        axe.assert_clean(page)

    # Sending the suggestion box empty shows the error summary.
    visit("/get-involved/suggestion-box/")
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error: ")
    axe.assert_clean(page)

    # An anonymous suggestion is thanked.
    page.get_by_label("Your suggestion").fill("Longer opening hours, please.")
    page.get_by_label("Send this anonymously").check()
    page.get_by_role("button", name="Send suggestion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your suggestion")
    axe.assert_clean(page)

    # A partner organisation signs the charter.
    visit("/get-involved/charter/")
    page.get_by_label("Name of your organisation").fill("Anytown Dementia Café")
    page.get_by_label("Your full name").fill("Ann Lee")
    page.get_by_label("Your role").fill("Organiser")
    page.get_by_label("Your email address").fill("ann@example.org")
    page.get_by_label("I agree to the charter on behalf of my organisation").check()
    page.get_by_role("button", name="Sign the charter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for signing")
    axe.assert_clean(page)
    assert CharterSignature.objects.filter(organisation_name="Anytown Dementia Café").exists()
