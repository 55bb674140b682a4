"""Supervision and support reviews: when each active member's next review is due.

Reviews are at most two months apart (``services.SUPERVISION_INTERVAL``). Someone
never reviewed is due two months after they became active. Coordinators see who is
due or overdue; members see their own next review on their dashboard; reminders go
to the member a week before and to their supervisor when a review is overdue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from cms.core.dates import add_months
from cms.notifications.models import Notification, Topic
from cms.notifications.services import notify

from .models import MemberProfile, SupervisionReview
from .services import SUPERVISION_INTERVAL

# Members hear about their review this many days before it is due.
REMIND_MEMBER_DAYS_BEFORE = 7


@dataclass(frozen=True)
class ReviewDue:
    """One active member's next supervision review."""

    member: MemberProfile
    due_on: dt.date
    last_held_on: dt.date | None
    today: dt.date

    @property
    def is_overdue(self) -> bool:
        return self.due_on < self.today

    @property
    def days_until_due(self) -> int:
        return (self.due_on - self.today).days


def _with_latest_review(queryset):
    latest = SupervisionReview.objects.filter(member=OuterRef("pk")).order_by("-held_on", "-pk")
    return queryset.annotate(
        latest_review_due=Subquery(latest.values("next_due_on")[:1]),
        latest_review_held=Subquery(latest.values("held_on")[:1]),
    )


def due_date(member: MemberProfile) -> dt.date:
    """When ``member``'s next review is due, from a queryset made by ``reviews_due``."""
    if member.latest_review_due is not None:
        return member.latest_review_due
    became_active = timezone.localtime(member.status_changed_at).date()
    return add_months(became_active, SUPERVISION_INTERVAL)


def reviews_due(*, today: dt.date | None = None, supervisor=None) -> list[ReviewDue]:
    """Every active member's next review, soonest (most overdue) first.

    With ``supervisor``, only the members they supervise.
    """
    today = today or timezone.localdate()
    members = _with_latest_review(
        MemberProfile.objects.in_bank().select_related("user", "supervisor")
    )
    if supervisor is not None:
        members = members.filter(supervisor=supervisor)
    rows = [
        ReviewDue(
            member=member,
            due_on=due_date(member),
            last_held_on=member.latest_review_held,
            today=today,
        )
        for member in members
    ]
    return sorted(rows, key=lambda row: (row.due_on, str(row.member)))


def review_due_for(member: MemberProfile, *, today: dt.date | None = None) -> ReviewDue | None:
    """The member's own next review, for their dashboard; None unless they are active."""
    today = today or timezone.localdate()
    annotated = _with_latest_review(MemberProfile.objects.in_bank().filter(pk=member.pk)).first()
    if annotated is None:
        return None
    return ReviewDue(
        member=annotated,
        due_on=due_date(annotated),
        last_held_on=annotated.latest_review_held,
        today=today,
    )


def _tell_once(*, recipient, key: str, **message) -> bool:
    """Notify unless this key was used for them before; True if they were told now."""
    if Notification.objects.filter(recipient=recipient, key=key).exists():
        return False
    notify(recipient=recipient, topic=Topic.SUPPORT, key=key, **message)
    return True


def send_supervision_reminders(*, today: dt.date | None = None) -> dict[str, int]:
    """Scheduled task: remind members of a review coming up, and supervisors of overdue ones.

    Each reminder is keyed on the member and the due date, so running this twice, or
    every day of the week before, tells each person once per review.
    """
    from cms.wellbeing.selectors import paused_member_ids

    today = today or timezone.localdate()
    sent = {"member_reminders": 0, "supervisor_overdue": 0}
    # Members on a break are not reminded; their supervisor still hears of an overdue review.
    paused = set(paused_member_ids(on=today).values_list("member_id", flat=True))
    for row in reviews_due(today=today):
        member = row.member
        if 0 <= row.days_until_due <= REMIND_MEMBER_DAYS_BEFORE and member.pk not in paused:
            sent["member_reminders"] += _tell_once(
                recipient=member.user,
                key=f"supervision-due:{member.pk}:{row.due_on.isoformat()}",
                subject="Your support review is coming up",
                body=(
                    f"Your next support review is due by {row.due_on:%A %-d %B %Y}. "
                    "It is a chance to talk about how things are going, what you would like "
                    "to do next and any support you need. "
                    + (
                        f"{member.supervisor.get_full_name() or 'Your supervisor'} will be in "
                        "touch to arrange a time."
                        if member.supervisor
                        else "The involvement team will be in touch to arrange a time."
                    )
                ),
                url=reverse("members:account"),
            )
        if row.is_overdue and member.supervisor is not None:
            sent["supervisor_overdue"] += _tell_once(
                recipient=member.supervisor,
                key=f"supervision-overdue:{member.pk}:{row.due_on.isoformat()}",
                subject=f"Support review overdue: {member}",
                body=(
                    f"{member}'s support review was due by {row.due_on:%A %-d %B %Y}. "
                    "Please arrange it and record it on their record in the admin."
                ),
                url=reverse("involvement-bank:detail", args=[member.pk]),
            )
    return sent
