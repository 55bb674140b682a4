"""Reads for the personal development plan: the whole plan in a fixed number of queries,
the plans shared with someone, and the dashboard panel."""

import datetime as dt

from django.db.models import Prefetch, Q
from django.utils import timezone

from cms.members.models import MemberProfile

from .models import (
    ActionStatus,
    DevelopmentAction,
    DevelopmentGoal,
    PlanReview,
    Reflection,
    plan_members_for,
)

DUE_SOON = dt.timedelta(days=30)


def plan_of(member: MemberProfile) -> dict:
    """Everything in ``member``'s plan: goals with their actions, reflections and reviews.

    Callers must already have found ``member`` through ``plan_members_for``.
    """
    goals = DevelopmentGoal.objects.filter(member=member).prefetch_related(
        Prefetch("actions", queryset=DevelopmentAction.objects.order_by("created_at", "pk"))
    )
    return {
        "plan_member": member,
        "goals": list(goals),
        "reflections": list(Reflection.objects.filter(member=member)),
        "reviews": list(PlanReview.objects.filter(member=member).select_related("recorded_by")),
    }


def readable_plan_member(user, member_id: int) -> MemberProfile | None:
    """The member with id ``member_id`` if ``user`` may read their plan; None otherwise."""
    return plan_members_for(user).select_related("user", "supervisor").filter(pk=member_id).first()


def plans_shared_with(user) -> list[MemberProfile]:
    """Other members whose plans ``user`` reads as their supervisor or active mentor."""
    from cms.mentoring.models import PairStatus

    if not user.is_authenticated:
        return []
    return list(
        MemberProfile.objects.filter(
            Q(supervisor=user)
            | Q(pairs_as_mentee__mentor__user=user, pairs_as_mentee__status=PairStatus.ACTIVE)
        )
        .exclude(user=user)
        .select_related("user")
        .distinct()
        .order_by("user__first_name", "user__last_name")
    )


def plan_dashboard(member: MemberProfile, *, today: dt.date | None = None) -> dict:
    """Steps in the member's plan that are not done and due within 30 days (or overdue).

    A step with no date of its own is due when its goal is. Use with
    ``templates/development/member/dashboard_panel.html``.
    """
    today = today or timezone.localdate()
    horizon = today + DUE_SOON
    actions = (
        DevelopmentAction.objects.filter(goal__member=member)
        .exclude(status=ActionStatus.DONE)
        .filter(Q(due_on__lte=horizon) | Q(due_on__isnull=True, goal__by_when__lte=horizon))
        .select_related("goal")
    )
    actions = sorted(actions, key=lambda a: (a.due_on or a.goal.by_when, a.pk))
    for action in actions:
        action.due = action.due_on or action.goal.by_when
        action.overdue = action.due < today
    return {"plan_actions_due": actions}
