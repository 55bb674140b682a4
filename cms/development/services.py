"""Workflow rules for the personal development plan.

Only the member changes their own goals, actions and reflections. A review may be
recorded by the member, their supervisor or a mentor in an active pair. Views call these
functions and never save the models themselves.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cms.members.models import MemberProfile
from cms.mentoring.models import MentoringPair, PairStatus

from .models import ActionStatus, DevelopmentAction, DevelopmentGoal, PlanReview, Reflection


class PlanError(Exception):
    """Something the rules do not allow; the message is written for the screen."""


def _owner_only(member: MemberProfile, by) -> None:
    if member.user_id != by.pk:
        raise PlanError("Only the member can change their own development plan.")


def is_active_mentor_of(user, member: MemberProfile) -> bool:
    return MentoringPair.objects.filter(
        mentor__user=user, mentee=member, status=PairStatus.ACTIVE
    ).exists()


def reviewer_role(user, member: MemberProfile) -> str:
    """'supervisor' or 'mentor' if ``user`` may review ``member``'s plan with them, else ''."""
    if member.supervisor_id and member.supervisor_id == user.pk:
        return PlanReview.With.SUPERVISOR
    if is_active_mentor_of(user, member):
        return PlanReview.With.MENTOR
    return ""


@transaction.atomic
def add_goal(
    *, member: MemberProfile, by, what: str, why: str = "", by_when: dt.date | None = None
) -> DevelopmentGoal:
    """The member adds a goal: what, why and by when."""
    _owner_only(member, by)
    return DevelopmentGoal.objects.create(
        member=member, what=what.strip(), why=why.strip(), by_when=by_when
    )


@transaction.atomic
def change_goal(
    *, goal: DevelopmentGoal, by, what: str, why: str = "", by_when: dt.date | None = None
) -> DevelopmentGoal:
    """The member rewrites one of their goals."""
    _owner_only(goal.member, by)
    goal.what, goal.why, goal.by_when = what.strip(), why.strip(), by_when
    goal.save(update_fields=["what", "why", "by_when", "updated_at"])
    return goal


@transaction.atomic
def add_action(
    *, goal: DevelopmentGoal, by, description: str, due_on: dt.date | None = None
) -> DevelopmentAction:
    """The member adds a step towards a goal; it starts as 'not started'."""
    _owner_only(goal.member, by)
    return DevelopmentAction.objects.create(
        goal=goal, description=description.strip(), due_on=due_on
    )


@transaction.atomic
def set_action_status(*, action: DevelopmentAction, by, status: str) -> DevelopmentAction:
    """The member says where a step is up to: not started, in progress or done."""
    _owner_only(action.goal.member, by)
    status = ActionStatus(status)
    if action.status != status:
        action.status = status
        action.status_changed_at = timezone.now()
        action.save(update_fields=["status", "status_changed_at"])
    return action


@transaction.atomic
def add_reflection(
    *, member: MemberProfile, by, text: str, today: dt.date | None = None
) -> Reflection:
    """The member writes a dated reflection."""
    _owner_only(member, by)
    if not text.strip():
        raise PlanError("Write your reflection.")
    return Reflection.objects.create(
        member=member, text=text.strip(), written_on=today or timezone.localdate()
    )


@transaction.atomic
def record_review(
    *,
    member: MemberProfile,
    by,
    held_on: dt.date,
    agreed: str,
    held_with: str = "",
    reviewer_name: str = "",
) -> PlanReview:
    """Record a review of the plan: by the member, or by their supervisor or mentor.

    When the supervisor or mentor records it, who it was with is taken from who they are.
    """
    if member.user_id == by.pk:
        if held_with not in PlanReview.With.values or not reviewer_name.strip():
            raise PlanError("Say who the review was with.")
    else:
        held_with = reviewer_role(by, member)
        if not held_with:
            raise PlanError("Only the member's supervisor or mentor can record a review.")
        reviewer_name = by.get_full_name() or by.email
    return PlanReview.objects.create(
        member=member,
        held_on=held_on,
        held_with=held_with,
        reviewer_name=reviewer_name.strip(),
        agreed=agreed.strip(),
        recorded_by=by,
    )
