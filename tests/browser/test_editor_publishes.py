"""An editor publishes a new opportunity in the Wagtail admin and finds it on the public list."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.opportunities.factories import OpportunitiesIndexPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fill_rich_text(page, field_name: str, text: str):
    """Type into a field's Draftail editor (a contenteditable that needs JavaScript)."""
    page.locator(f"[data-field-wrapper]:has(#id_{field_name}) [contenteditable=true]").click()
    page.keyboard.type(text)


def test_an_editor_publishes_an_opportunity_that_then_appears_on_the_public_list(
    page, visit, editor, home_page, sign_in, with_two_factor
):
    with_two_factor(editor)
    index = OpportunitiesIndexPageFactory(parent=home_page, title="Opportunities")
    index.save_revision().publish()

    sign_in("editor@example.org", two_factor=True)
    visit("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))

    visit(f"/admin/pages/add/opportunities/opportunitypage/{index.pk}/")
    page.locator("#id_title").fill("Help us design the carers' hub")
    page.locator("#id_summary").fill("Tell us what a new carers' hub should offer.")
    page.locator("#id_involvement_type").select_option("co_production", force=True)
    page.locator("#id_level_of_involvement").select_option("collaborate", force=True)
    fill_rich_text(page, "what_you_can_influence", "What the hub offers and when it opens.")
    page.locator("#id_who_decides").fill("The Head of Commissioning for carers")
    fill_rich_text(page, "intended_outcomes", "A hub that carers want to use.")
    page.locator("#id_time_commitment").fill("Two workshops of 2 hours")
    page.locator("#id_expenses_covered").fill("Travel, and care for the person you look after.")
    closing = timezone.localdate() + dt.timedelta(days=30)
    page.locator("#id_closing_date").fill(closing.isoformat())
    page.locator("#id_contact_name").click()  # closes the date picker, which covers the footer
    page.locator("#id_contact_name").fill("Sam Carter")
    page.locator("#id_contact_email").fill("sam.carter@example.org")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{index.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("published")

    visit("/opportunities/")
    link = page.get_by_role("link", name="Help us design the carers' hub")
    assert link.is_visible()
    link.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Help us design the carers' hub"
