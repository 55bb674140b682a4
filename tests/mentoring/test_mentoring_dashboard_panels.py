"""The two dashboard panels render from their selectors, for the lead to include."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from cms.development.factories import DevelopmentActionFactory, DevelopmentGoalFactory
from cms.development.selectors import plan_dashboard
from cms.mentoring.factories import MentoringPairFactory, MentoringSessionFactory
from cms.mentoring.selectors import mentoring_dashboard

pytestmark = pytest.mark.django_db


def render(template, context, user):
    request = RequestFactory().get("/members/")
    request.user = user
    return render_to_string(template, {**context, "user": user}, request=request)


def test_the_mentoring_panel_lists_what_needs_the_member():
    session = MentoringSessionFactory(held_on=dt.date(2026, 3, 2))
    mentee = session.pair.mentee
    proposed = MentoringPairFactory(mentee=mentee)
    html = render("mentoring/member/dashboard_panel.html", mentoring_dashboard(mentee), mentee.user)
    assert f"/members/mentoring/{proposed.pk}/" in html
    assert f"{proposed.mentor} as your mentor" in html
    assert "2 March 2026" in html and f"/members/mentoring/{session.pair_id}/" in html


def test_the_mentoring_panel_is_empty_for_someone_not_mentoring():
    outsider = MentoringPairFactory().mentor
    outsider.pairs_as_mentor.all().delete()
    html = render(
        "mentoring/member/dashboard_panel.html", mentoring_dashboard(outsider), outsider.user
    )
    assert html.strip() == ""


def test_the_plan_panel_lists_steps_due_soon():
    goal = DevelopmentGoalFactory(what="Chair a meeting")
    DevelopmentActionFactory(goal=goal, description="Watch a chair", due_on=dt.date(2026, 6, 3))
    context = plan_dashboard(goal.member, today=dt.date(2026, 6, 1))
    html = render("development/member/dashboard_panel.html", context, goal.member.user)
    assert "Watch a chair (Chair a meeting): by 3 June 2026" in html
    assert "/members/plan/" in html
