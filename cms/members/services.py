"""Workflow rules for joining: starting, sending and moving an application through recruitment.

Every move goes through :func:`move_member`, which checks it against ``TRANSITIONS``,
records it as a dated, attributed ``StatusChange`` and queues the message that tells
the person. Views never change ``MemberProfile.status`` themselves.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from cms.core.dates import add_months

from .choices import Status
from .models import MemberProfile, StatusChange, SupervisionReview

# Which moves are allowed, from each status. Applicants withdraw themselves; every other
# move is a coordinator's.
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.SUBMITTED: {Status.IN_REVIEW, Status.ON_HOLD, Status.DECLINED, Status.WITHDRAWN},
    Status.IN_REVIEW: {
        Status.CONVERSATION_BOOKED,
        Status.ON_HOLD,
        Status.DECLINED,
        Status.WITHDRAWN,
    },
    Status.CONVERSATION_BOOKED: {Status.CHECKS, Status.ON_HOLD, Status.DECLINED, Status.WITHDRAWN},
    Status.CHECKS: {Status.INDUCTION, Status.ON_HOLD, Status.DECLINED, Status.WITHDRAWN},
    Status.INDUCTION: {Status.ACTIVE, Status.ON_HOLD, Status.DECLINED, Status.WITHDRAWN},
    Status.ON_HOLD: {
        Status.IN_REVIEW,
        Status.CONVERSATION_BOOKED,
        Status.CHECKS,
        Status.INDUCTION,
        Status.DECLINED,
        Status.WITHDRAWN,
    },
    Status.ACTIVE: {Status.ON_HOLD, Status.WITHDRAWN},
    Status.DECLINED: set(),
    # Someone who withdrew may apply again: their earlier answers are kept for them to check.
    Status.WITHDRAWN: {Status.DRAFT},
}
NEEDS_REASON = {Status.DECLINED}
SUPERVISION_INTERVAL = 2  # months: reviews are at most two months apart


class TransitionNotAllowed(Exception):
    """A move the recruitment rules do not allow; its message says why, for the person."""


def allowed_moves(member: MemberProfile) -> list[Status]:
    """The statuses ``member`` may move to next, in the pipeline's order."""
    allowed = TRANSITIONS.get(member.status, set())
    return [status for status in Status if status in allowed]


def start_application(user) -> MemberProfile:
    """The person's record, created as a draft application the first time they start one."""
    member, _ = MemberProfile.objects.get_or_create(user=user)
    return member


@transaction.atomic
def move_member(member: MemberProfile, to_status: str, *, by, reason: str = "") -> StatusChange:
    """Move ``member`` to ``to_status`` if the rules allow, record it and tell the person.

    Raises ``TransitionNotAllowed`` (with a message for the screen) for a move that is
    not in ``TRANSITIONS`` or a decline without a reason.
    """
    member = MemberProfile.objects.select_for_update().get(pk=member.pk)
    to_status = Status(to_status)
    if to_status not in TRANSITIONS.get(member.status, set()):
        raise TransitionNotAllowed(
            f"An application that is '{member.get_status_display()}' cannot move to "
            f"'{to_status.label}'."
        )
    if to_status in NEEDS_REASON and not reason.strip():
        raise TransitionNotAllowed("Give a reason when you decline an application.")
    now = timezone.now()
    change = StatusChange.objects.create(
        member=member,
        from_status=member.status,
        to_status=to_status,
        changed_at=now,
        changed_by=by,
        reason=reason.strip(),
    )
    member.status = to_status
    member.status_changed_at = now
    fields = ["status", "status_changed_at", "updated_at"]
    if to_status == Status.SUBMITTED:
        member.submitted_at = now
        fields.append("submitted_at")
    member.save(update_fields=fields)
    transaction.on_commit(
        lambda: async_task(
            "cms.members.tasks.notify_status_change",
            change.pk,
            task_name=f"notify-status-change-{change.pk}",
        )
    )
    return change


def submit_application(member: MemberProfile, *, sections_required) -> StatusChange:
    """Send a finished application; refuses one with sections still to do."""
    missing = [key for key in sections_required if key not in member.completed_sections]
    if missing:
        raise TransitionNotAllowed("Finish every section before you send your application.")
    return move_member(member, Status.SUBMITTED, by=member.user)


def apply_again(member: MemberProfile) -> StatusChange:
    """Reopen a withdrawn application as a draft, keeping its answers to check and resend."""
    return move_member(member, Status.DRAFT, by=member.user)


def record_supervision_review(
    member: MemberProfile,
    *,
    held_on: dt.date,
    by,
    notes: str = "",
    next_due_on: dt.date | None = None,
) -> SupervisionReview:
    """Record a review; the next is due when asked, but never more than two months on."""
    latest_allowed = add_months(held_on, SUPERVISION_INTERVAL)
    if next_due_on is None or next_due_on > latest_allowed:
        next_due_on = latest_allowed
    if next_due_on <= held_on:
        raise TransitionNotAllowed("The next review must be after this one.")
    return SupervisionReview.objects.create(
        member=member, held_on=held_on, reviewer=by, notes=notes, next_due_on=next_due_on
    )
