"""Keyboard only, 320 pixels wide: a member signs in, pauses their involvement (putting a
mistake right on the way) and says how they are doing. Every element that takes focus is
visible and inside the screen, no page scrolls sideways, and axe finds nothing."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from keyboard_checks import assert_nothing_cut_off, tab_to
from playwright.sync_api import expect

from cms.members.factories import ActiveMemberFactory
from cms.users.factories import UserFactory
from cms.wellbeing.models import Feeling, Pause, WellbeingCheckIn

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def checked(page, axe):
    assert_nothing_cut_off(page)
    axe.assert_clean(page)


def test_a_member_pauses_and_says_how_they_are_by_keyboard_at_320_pixels(page, visit, axe):
    user = UserFactory(email="sam@example.org", first_name="Sam", last_name="Okoro")
    member = ActiveMemberFactory(user=user)
    page.set_viewport_size({"width": 320, "height": 640})

    visit("/accounts/login/")
    checked(page, axe)
    tab_to(page, "Email")
    page.keyboard.type("sam@example.org")
    tab_to(page, "Password")
    page.keyboard.type("a-long-test-password")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    checked(page, axe)

    tab_to(page, "Take a break or tell us how you are")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/members/pause/$"))
    checked(page, axe)

    tab_to(page, "Pause my involvement")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/members/pause/start/$"))
    checked(page, axe)

    # A return day before the start is refused, with the mistake named at the top.
    today = timezone.localdate()
    tab_to(page, "When would you like to come back?")
    page.keyboard.type("1 1 2020")
    tab_to(page, "Pause my involvement")
    page.keyboard.press("Enter")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "The day you come back must be after the day your break starts"
    )
    assert page.title().startswith("Error: ")
    checked(page, axe)

    back = today + dt.timedelta(days=28)
    tab_to(page, "When would you like to come back?")
    page.keyboard.press("Control+A")
    page.keyboard.type(f"{back.day} {back.month} {back.year}")
    tab_to(page, "Anything you want to note for yourself?")
    page.keyboard.type("My knee operation")
    tab_to(page, "Pause my involvement")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your involvement is paused.")).to_be_visible()
    expect(page.get_by_text(f"{back:%-d %B %Y}").first).to_be_visible()
    checked(page, axe)
    pause = Pause.objects.get(member=member)
    assert (pause.starts_on, pause.until, pause.created_by_id) == (today, back, user.pk)

    tab_to(page, "Tell us how you are")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/members/pause/how-you-are/$"))
    checked(page, axe)

    # Radios: Tab reaches the first of a group; an arrow key moves and chooses.
    tab_to(page, "Good")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_to(page, "Anything you would like to tell us?")
    page.keyboard.type("Sore, but getting there.")
    tab_to(page, "Yes, please call me")
    page.keyboard.press("Space")
    tab_to(page, "Send")
    page.keyboard.press("Enter")
    expect(page.get_by_text("A coordinator will call you soon.")).to_be_visible()
    checked(page, axe)
    check = WellbeingCheckIn.objects.get(member=member)
    assert (check.feeling, check.wants_call) == (Feeling.NOT_GREAT, True)
    assert check.note == "Sore, but getting there."

    # Back on the dashboard, the pause is there to see.
    visit("/members/")
    expect(page.get_by_text("Your involvement is paused until")).to_be_visible()
    assert_nothing_cut_off(page)
