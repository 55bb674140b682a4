"""Messages about taking part. Each task is safe to run twice."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cms.notifications.models import Topic
from cms.notifications.services import notify, notify_message, render_message, team_message_key

from .models import InterestChange, InterestStatus, SentReminder


def _where_to_act(change: InterestChange) -> str:
    opportunity = change.interest.opportunity
    if change.to_status == InterestStatus.INVITED:
        return opportunity.url or reverse("members:participation:involvement")
    if change.to_status == InterestStatus.SELECTED:
        return reverse("members:participation:confirm", args=[opportunity.pk])
    return reverse("members:participation:involvement")


def notify_interest_change(change_id: int) -> bool:
    """Tell the person their interest moved on, the ways they chose. Once; True if told now.

    ``notified_at`` and the notification key ``interest-change:<change>`` both guard
    against a second message.
    """
    with transaction.atomic():
        change = (
            InterestChange.objects.select_for_update()
            .select_related("interest__member__user", "interest__opportunity")
            .filter(pk=change_id, notified_at__isnull=True)
            .first()
        )
        if change is None:
            return False
        user = change.interest.member.user
        context = {
            "change": change,
            "interest": change.interest,
            "opportunity": change.interest.opportunity,
            "user": user,
        }
        notify(
            recipient=user,
            topic=Topic.TAKING_PART,
            key=f"interest-change:{change.pk}",
            subject=render_to_string("participation/email/interest_subject.txt", context).strip(),
            body=render_message("participation/email/interest.txt", context),
            url=_where_to_act(change),
        )
        change.notified_at = timezone.now()
        change.save(update_fields=["notified_at"])
    return True


def message_key(message_id, user_id) -> str:
    return team_message_key(message_id, user_id)


def send_message_to_member(message_id: str, user_id: int, subject: str, body: str) -> bool:
    """Task: tell one person a coordinator's message, the ways they chose. Once; True if now.

    Goes through ``notify_message`` like every message from the team. The
    ``SentReminder`` row is kept as well, in the same transaction, so a message keyed
    before notifications existed is not sent again.
    """
    with transaction.atomic():
        _, created = SentReminder.objects.get_or_create(key=message_key(message_id, user_id))
        if not created:
            return False
        user = (
            get_user_model()
            .objects.filter(pk=user_id, is_active=True)
            .select_related("member_profile")
            .first()
        )
        if user is None:
            return False
        notification = notify_message(
            message_id=message_id,
            recipient=user,
            subject=subject,
            body=body,
            url=reverse("members:participation:involvement"),
        )
    return notification.told_now
