"""The personal development plan: the member keeps it; their supervisor, active mentor and
coordinators read it; nobody else sees it, whatever the address says."""

import datetime as dt
from urllib.parse import urlsplit

import pytest

from cms.development import services
from cms.development.factories import (
    DevelopmentActionFactory,
    DevelopmentGoalFactory,
    ReflectionFactory,
)
from cms.development.models import (
    ActionStatus,
    DevelopmentAction,
    DevelopmentGoal,
    PlanReview,
    Reflection,
)
from cms.development.selectors import plan_dashboard
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.mentoring.factories import MentoringPairFactory
from cms.mentoring.models import PairStatus
from cms.users import roles
from cms.users.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(db):
    return StaffUserFactory(email="supervisor@example.org", role=roles.COORDINATORS)


@pytest.fixture
def dev(member):
    supervisor = StaffUserFactory(email="line.manager@example.org")
    return ActiveMemberFactory(user=member, supervisor=supervisor)


@pytest.fixture
def plan(dev):
    goal = DevelopmentGoalFactory(member=dev, what="Private-goal-marker")
    action = DevelopmentActionFactory(goal=goal, description="Private-step-marker")
    ReflectionFactory(member=dev, text="Private-reflection-marker")
    return {"goal": goal, "action": action}


MARKERS = [b"Private-goal-marker", b"Private-step-marker", b"Private-reflection-marker"]


def own_urls(plan):
    return [
        "/members/plan/",
        "/members/plan/goals/add/",
        f"/members/plan/goals/{plan['goal'].pk}/change/",
        f"/members/plan/goals/{plan['goal'].pk}/steps/add/",
        f"/members/plan/steps/{plan['action'].pk}/",
        "/members/plan/reflections/add/",
        "/members/plan/reviews/add/",
    ]


POST = {
    "what": "Changed",
    "description": "Changed",
    "status": "done",
    "text": "Changed",
    "held_on": "1 3 2026",
    "held_with": "mentor",
    "reviewer_name": "X",
    "agreed": "Changed",
}


def assert_unchanged(plan, dev):
    assert DevelopmentGoal.objects.get(pk=plan["goal"].pk).what == "Private-goal-marker"
    assert DevelopmentAction.objects.get(pk=plan["action"].pk).status == ActionStatus.NOT_STARTED
    assert Reflection.objects.filter(member=dev).count() == 1
    assert not PlanReview.objects.filter(member=dev).exists()


def test_the_member_builds_their_plan_one_thing_a_page(client, dev):
    client.force_login(dev.user)
    response = client.post("/members/plan/goals/add/", {"what": "", "by_when": "31 2 2027"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter what you want to learn or do" in page and "Enter a real date" in page
    assert (
        client.post(
            "/members/plan/goals/add/",
            {"what": "Chair a meeting", "why": "To help others speak", "by_when": "27 3 2027"},
        ).status_code
        == 302
    )
    goal = DevelopmentGoal.objects.get(member=dev)
    assert goal.by_when == dt.date(2027, 3, 27)
    client.post(f"/members/plan/goals/{goal.pk}/steps/add/", {"description": "Watch a chair"})
    action = goal.actions.get()
    client.post(f"/members/plan/steps/{action.pk}/", {"status": "in_progress"})
    client.post("/members/plan/reflections/add/", {"text": "I watched the chair closely."})
    client.post(
        "/members/plan/reviews/add/",
        {
            "held_on": "2/3/2026",
            "held_with": "supervisor",
            "reviewer_name": "Sam",
            "agreed": "Go on",
        },
    )
    page = client.get("/members/plan/").content.decode()
    for text in ["Chair a meeting", "Watch a chair", "In progress", "I watched", "Go on"]:
        assert text in page


def test_other_members_cannot_see_or_change_the_plan(client, plan, dev):
    other = ActiveMemberFactory()
    client.force_login(other.user)
    page = client.get("/members/plan/")
    assert page.status_code == 200
    for marker in MARKERS:
        assert marker not in page.content
    for url in [*own_urls(plan)[2:5], f"/members/plan/people/{dev.pk}/"]:
        for method in ("get", "post"):
            assert getattr(client, method)(url, POST).status_code == 404, (url, method)
    assert_unchanged(plan, dev)


def test_a_mentor_in_an_active_pair_reads_it_and_may_record_a_review(client, plan, dev):
    pair = MentoringPairFactory(mentee=dev, status=PairStatus.ACTIVE)
    client.force_login(pair.mentor.user)
    page = client.get(f"/members/plan/people/{dev.pk}/")
    for marker in MARKERS:
        assert marker in page.content
    assert b"Update" not in page.content  # read only: no links to change it
    assert client.post(f"/members/plan/steps/{plan['action'].pk}/", POST).status_code == 404
    client.post(
        f"/members/plan/people/{dev.pk}/review/", {"held_on": "1 3 2026", "agreed": "More panels"}
    )
    review = PlanReview.objects.get(member=dev)
    assert review.held_with == PlanReview.With.MENTOR and review.recorded_by == pair.mentor.user
    assert f"/members/plan/people/{dev.pk}/" in client.get("/members/plan/shared/").content.decode()


@pytest.mark.parametrize("status", [PairStatus.PROPOSED, PairStatus.PAUSED, PairStatus.ENDED])
def test_a_mentor_whose_pair_is_not_active_cannot_read_it(client, plan, dev, status):
    pair = MentoringPairFactory(mentee=dev, status=status)
    client.force_login(pair.mentor.user)
    assert client.get(f"/members/plan/people/{dev.pk}/").status_code == 404
    assert client.post(f"/members/plan/people/{dev.pk}/review/", POST).status_code == 404
    assert_unchanged(plan, dev)


def test_the_supervisor_reads_it_and_records_a_review(client, plan, dev):
    client.force_login(dev.supervisor)
    page = client.get(f"/members/plan/people/{dev.pk}/")
    assert all(marker in page.content for marker in MARKERS)
    client.post(f"/members/plan/people/{dev.pk}/review/", {"held_on": "1 3 2026", "agreed": "Yes"})
    assert PlanReview.objects.get(member=dev).held_with == PlanReview.With.SUPERVISOR


def test_coordinators_read_it_but_cannot_record_a_review_unless_they_supervise(
    client, plan, dev, coordinator
):
    client.force_login(coordinator)
    assert client.get(f"/members/plan/people/{dev.pk}/").status_code == 200
    assert client.post(f"/members/plan/people/{dev.pk}/review/", POST).status_code == 404
    assert_unchanged(plan, dev)


@pytest.mark.parametrize("who", ["editor", "finance_user"])
def test_editors_and_finance_see_none_of_it(client, plan, dev, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in [f"/members/plan/people/{dev.pk}/", f"/members/plan/people/{dev.pk}/review/"]:
        for method in ("get", "post"):
            response = getattr(client, method)(url, POST)
            assert response.status_code == 404, (url, method)
    for url in own_urls(plan):
        response = client.get(url)
        # Not a member: sent back to their account, never shown the plan.
        assert response.status_code in (302, 404), url
        for marker in MARKERS:
            assert marker not in response.content
    assert_unchanged(plan, dev)


def test_a_visitor_is_sent_to_sign_in(client, plan, dev):
    for url in [*own_urls(plan), "/members/plan/shared/", f"/members/plan/people/{dev.pk}/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == "/accounts/login/", url


def test_only_active_members_keep_a_plan(client):
    applicant = MemberProfileFactory(user=UserFactory())
    client.force_login(applicant.user)
    response = client.get("/members/plan/")
    assert response.status_code == 302 and response["Location"] == "/members/"


def test_only_the_owner_changes_the_plan(dev):
    goal = DevelopmentGoalFactory(member=dev)
    stranger = ActiveMemberFactory().user
    with pytest.raises(services.PlanError):
        services.add_goal(member=dev, by=stranger, what="Sneaky")
    with pytest.raises(services.PlanError):
        services.add_action(goal=goal, by=stranger, description="Sneaky")
    with pytest.raises(services.PlanError):
        services.add_reflection(member=dev, by=stranger, text="Sneaky")
    with pytest.raises(services.PlanError):
        services.record_review(member=dev, by=stranger, held_on=dt.date(2026, 1, 1), agreed="x")


def test_the_dashboard_shows_steps_due_within_a_month(dev):
    today = dt.date(2026, 6, 1)
    goal = DevelopmentGoalFactory(member=dev, by_when=dt.date(2026, 6, 20))
    soon = DevelopmentActionFactory(goal=goal, description="Soon", due_on=dt.date(2026, 6, 10))
    late = DevelopmentActionFactory(goal=goal, description="Late", due_on=dt.date(2026, 5, 20))
    undated = DevelopmentActionFactory(goal=goal, description="By the goal date")
    DevelopmentActionFactory(goal=goal, description="Far", due_on=dt.date(2026, 9, 1))
    DevelopmentActionFactory(
        goal=goal, description="Done", due_on=dt.date(2026, 6, 5), status=ActionStatus.DONE
    )
    due = plan_dashboard(dev, today=today)["plan_actions_due"]
    assert due == [late, soon, undated]
    assert [a.overdue for a in due] == [True, False, False]
