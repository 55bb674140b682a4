"""Background work for the members area. Each task is safe to run twice."""

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cms.notifications.models import Topic
from cms.notifications.services import notify, render_message

from .choices import Status
from .models import StatusChange


def _where_to_act(change: StatusChange) -> str:
    if change.to_status == Status.ACTIVE:
        return reverse("members:account")
    if change.to_status == Status.DRAFT:
        return reverse("members:application:task_list")
    return reverse("members:application:status")


def notify_status_change(change_id: int) -> bool:
    """Tell the person their application moved, the ways they chose. Once, however often it runs.

    ``notified_at`` (read by the recruitment history) and the notification key
    ``application-status:<change>`` both guard against a second message. Returns True
    if the person was told on this run.
    """
    with transaction.atomic():
        change = (
            StatusChange.objects.select_for_update()
            .select_related("member__user")
            .filter(pk=change_id, notified_at__isnull=True)
            .first()
        )
        if change is None:
            return False
        user = change.member.user
        context = {"change": change, "user": user}
        notify(
            recipient=user,
            topic=Topic.APPLICATION,
            key=f"application-status:{change.pk}",
            subject=render_to_string("members/email/status_change_subject.txt", context).strip(),
            body=render_message("members/email/status_change.txt", context),
            url=_where_to_act(change),
        )
        change.notified_at = timezone.now()
        change.save(update_fields=["notified_at"])
    return True
