"""Mentoring and the development plan, in the browser, as each person does it.

The coordinator pairs a mentor with a member, choosing from the ranked suggestions; both
accept; the mentor logs a session and the member confirms it; the member adds a goal and
a step to their plan, and the mentor reads them on the pair page. axe checks every
members-area page, and the admin pages after a reload (see test_taking_part_loop.py).
"""

import re

import pytest
from playwright.sync_api import expect

from cms.development.factories import DevelopmentActionFactory, DevelopmentGoalFactory
from cms.members.factories import ActiveMemberFactory
from cms.mentoring.factories import MentoringPairFactory, MentorProfileFactory
from cms.mentoring.models import MentoringPair, MentoringSession, PairStatus
from cms.taxonomy.models import ServiceArea
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fresh(page, axe):
    """axe without Wagtail's own success banner, whose green fails colour contrast."""
    page.reload()
    axe.assert_clean(page)


def open_pair(page, visit, axe, other_name):
    visit("/members/mentoring/")
    axe.assert_clean(page)
    page.get_by_role("link", name=re.compile(f"View.*{other_name}")).click()
    page.wait_for_url(re.compile(r"/members/mentoring/\d+/$"))
    axe.assert_clean(page)


def test_pairing_accepting_a_session_and_the_plan_the_mentor_reads(
    page, visit, axe, coordinator, member, sign_in, with_two_factor
):
    with_two_factor(coordinator)
    carers = ServiceArea.objects.get_or_create(slug="carers", defaults={"name": "Carers"})[0]
    member.first_name, member.last_name = "Dev", "Patel"
    member.save()
    ActiveMemberFactory(user=member, expertise=[carers], lived_experience="carer")
    maureen = UserFactory(email="maureen@example.org", first_name="Maureen", last_name="Gallagher")
    MentorProfileFactory(
        member=ActiveMemberFactory(user=maureen, expertise=[carers], lived_experience="carer")
    )
    # A second, less suited mentor, so there is a ranking to choose from.
    MentorProfileFactory(
        member=ActiveMemberFactory(
            user=UserFactory(first_name="Graham", last_name="Scott"), lived_experience="both"
        )
    )

    # The coordinator chooses Dev, sees Maureen suggested first with the reasons, proposes her.
    sign_in("coordinator@example.org", two_factor=True)
    visit("/admin/mentoring/propose/")
    page.get_by_label("Mentee").select_option(label="Dev Patel (member@example.org)")
    page.get_by_role("button", name="Show suggested mentors").click()
    rows = page.locator("table.listing tbody tr")
    expect(rows.first).to_contain_text("Maureen Gallagher")
    expect(rows.first).to_contain_text("Shared expertise: Carers")
    expect(rows.nth(1)).to_contain_text("Graham Scott")
    axe.assert_clean(page)
    page.get_by_role("button", name="Propose Maureen Gallagher as mentor").click()
    expect(page.locator("main")).to_contain_text("Proposed")
    fresh(page, axe)
    pair = MentoringPair.objects.get()

    # Both accept in the members area.
    sign_in("maureen@example.org")
    open_pair(page, visit, axe, "Dev Patel")
    page.get_by_role("button", name="Yes, I would like to go ahead").click()
    expect(page.locator("main")).to_contain_text("we are waiting for Dev Patel")
    axe.assert_clean(page)
    sign_in("member@example.org")
    open_pair(page, visit, axe, "Maureen Gallagher")
    page.get_by_role("button", name="Yes, I would like to go ahead").click()
    expect(page.locator("main")).to_contain_text("Your mentoring has started")
    axe.assert_clean(page)
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE

    # The mentor logs a session; a mistake is shown in the error summary first.
    sign_in("maureen@example.org")
    open_pair(page, visit, axe, "Dev Patel")
    page.get_by_role("link", name="Log a session").click()
    axe.assert_clean(page)
    page.get_by_role("button", name="Log session").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the date you met")
    axe.assert_clean(page)
    page.get_by_label("When did you meet?").fill("2 3 2026")
    page.get_by_label("How long did you meet for, in minutes?").fill("45")
    page.get_by_label("By phone").check()
    page.get_by_label("Notes to share").fill("We read the forum papers together.")
    page.get_by_label("Next steps").fill("Dev asks one question at the forum.")
    page.get_by_role("button", name="Log session").click()
    expect(page.locator("main")).to_contain_text("We read the forum papers together.")
    expect(page.locator("main")).to_contain_text("Not yet")
    axe.assert_clean(page)
    # The one who logged it cannot confirm it.
    expect(page.get_by_role("button", name=re.compile("Confirm this session"))).to_have_count(0)

    # The member confirms it, then adds a goal and a step to their plan.
    sign_in("member@example.org")
    open_pair(page, visit, axe, "Maureen Gallagher")
    page.get_by_role("button", name=re.compile("Confirm this session")).click()
    expect(page.locator("main")).to_contain_text("is confirmed")
    axe.assert_clean(page)
    assert MentoringSession.objects.get().confirmed_by == member

    visit("/members/plan/")
    axe.assert_clean(page)
    page.get_by_role("link", name="Add a goal").click()
    axe.assert_clean(page)
    page.get_by_label("What do you want to learn or do?").fill("Speak at the carers' forum")
    page.get_by_label("Why does it matter to you?").fill("So carers are heard earlier.")
    page.get_by_label("By when would you like to do it?").fill("27 3 2027")
    page.get_by_role("button", name="Add goal").click()
    expect(page.locator("main")).to_contain_text("Speak at the carers' forum")
    axe.assert_clean(page)
    page.get_by_role("link", name=re.compile("Add a step")).click()
    axe.assert_clean(page)
    page.get_by_label("What is the next step?").fill("Ask one question at the next forum")
    page.get_by_role("button", name="Add step").click()
    expect(page.locator("main")).to_contain_text("Ask one question at the next forum")
    axe.assert_clean(page)

    # The mentor reads the goal and the step on the pair page.
    sign_in("maureen@example.org")
    open_pair(page, visit, axe, "Dev Patel")
    main = page.locator("main")
    expect(main).to_contain_text("Dev Patel's development plan")
    expect(main).to_contain_text("Speak at the carers' forum")
    expect(main).to_contain_text("Ask one question at the next forum")
    expect(main.get_by_role("link", name=re.compile("Update"))).to_have_count(0)


def test_every_other_mentoring_and_plan_page_passes_axe(
    page, visit, axe, member, sign_in, coordinator
):
    member.first_name, member.last_name = "Dev", "Patel"
    member.save()
    dev = ActiveMemberFactory(user=member)
    maureen = ActiveMemberFactory(
        user=UserFactory(email="maureen@example.org", first_name="Maureen", last_name="Gallagher")
    )
    active = MentoringPairFactory(mentor=maureen, mentee=dev, status=PairStatus.ACTIVE)
    proposed = MentoringPairFactory(mentee=dev)
    goal = DevelopmentGoalFactory(member=dev, what="Chair a meeting")
    action = DevelopmentActionFactory(goal=goal, description="Watch a chair")

    sign_in("member@example.org")
    # (path, whether a blank first answer is a mistake: then the error page is checked too)
    for path, check_errors in [
        (f"/members/mentoring/{proposed.pk}/", False),
        (f"/members/mentoring/{proposed.pk}/decline/", False),
        (f"/members/mentoring/{active.pk}/goals/add/", True),
        (f"/members/mentoring/{active.pk}/pause/", False),
        (f"/members/mentoring/{active.pk}/end/", True),
        (f"/members/plan/goals/{goal.pk}/change/", True),
        (f"/members/plan/steps/{action.pk}/", False),
        ("/members/plan/reflections/add/", True),
        ("/members/plan/reviews/add/", True),
    ]:
        visit(path)
        axe.assert_clean(page)
        if check_errors:
            page.locator("main form textarea, main form input[type=text]").first.fill("")
            page.locator("main form button[type=submit]").click()
            expect(page.locator(".nhsuk-error-summary")).to_be_visible()
            axe.assert_clean(page)
    visit(f"/members/mentoring/{active.pk}/pause/")
    page.get_by_role("button", name="Pause mentoring").click()
    expect(page.locator("main")).to_contain_text("paused")
    axe.assert_clean(page)
    page.get_by_role("link", name="Start again").click()
    axe.assert_clean(page)
    page.get_by_role("button", name="Start again").click()
    expect(page.locator("main")).to_contain_text("started again")

    sign_in("maureen@example.org")
    for path in [
        "/members/plan/shared/",
        f"/members/plan/people/{dev.pk}/",
        f"/members/plan/people/{dev.pk}/review/",
    ]:
        visit(path)
        axe.assert_clean(page)
    page.get_by_label("When was the review?").fill("1 3 2026")
    page.get_by_label("What did you agree?").fill("Try one panel before the summer.")
    page.get_by_role("button", name="Save review").click()
    expect(page.locator("main")).to_contain_text("Try one panel before the summer.")
    axe.assert_clean(page)
