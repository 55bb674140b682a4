"""Tasks for django-q2: each is safe to run twice; nobody gets two copies."""

from cms.notifications.models import PRIVATE_KEY_PREFIX, Topic

from . import outcomes, reminders


def send_due_reminders() -> dict[str, int]:
    """Run by the schedule every 15 minutes (see ``manage.py ensure_schedules``)."""
    return reminders.send_due_reminders()


def catch_up_outcomes() -> int:
    """Run daily: tell participants about outcomes published on a later date, or missed."""
    return outcomes.catch_up_outcomes()


def notify_feedback_reply(feedback_id: int) -> bool:
    """Tell the person a coordinator has replied to their feedback, the ways they chose. Once."""
    from django.urls import reverse

    from .models import Feedback

    feedback = (
        Feedback.objects.select_related("attendance__interest__member__user", "attendance__session")
        .filter(pk=feedback_id)
        .exclude(reply="")
        .first()
    )
    if feedback is None:
        return False
    user = feedback.attendance.interest.member.user
    key = f"feedback-reply:{feedback.pk}"
    if feedback.anonymous:
        key = PRIVATE_KEY_PREFIX + key
    return reminders.send_once(
        key,
        recipient=user,
        subject="We have replied to your feedback",
        template="participation/email/reminder_feedback_reply.txt",
        context={"user": user, "session": feedback.attendance.session},
        topic=Topic.FEEDBACK,
        url=reverse("members:feedback:detail", args=[feedback.attendance_id]),
    )
