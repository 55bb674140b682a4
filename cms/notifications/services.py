"""Telling people things: one service every part of Involve calls.

``notify`` records the message on the person's dashboard and sends it the ways
they asked for in their profile: email in the format they chose, and text
messages, letters or calls as work for a coordinator (no gateway is configured).
It is safe to call twice with the same key: the person is told once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_q.tasks import async_task

from cms.core.personal_cache import forget_for

from .models import BY_HAND, Channel, Delivery, EmailFormat, Notification, TeamMessage, Topic

# An email that fails this many times is marked failed and shown to staff.
MAX_EMAIL_ATTEMPTS = 3


@dataclass(frozen=True)
class ContactPlan:
    """How one person wants to hear from us."""

    channels: tuple[str, ...]
    email_format: str


def contact_plan_for(user) -> ContactPlan:
    """The channels and email format ``user`` chose in their profile.

    People without a profile (staff, or someone part-way through applying with no
    answer yet) get email in the standard format. Someone who chose only letters is
    never emailed, and nor is anyone without an email address (people a coordinator
    manages on their behalf): their messages become letters or calls.
    """
    profile = getattr(user, "member_profile", None)
    methods = list(profile.contact_methods) if profile else []
    formats = list(profile.formats) if profile else []
    channels = tuple(method for method in Channel.values if method in methods)
    if not channels:
        channels = (Channel.EMAIL,)
    if not user.email:
        channels = tuple(channel for channel in channels if channel != Channel.EMAIL)
        if not channels:
            channels = (_by_hand_fallback(profile),)
    if "plain_text_email" in formats:
        email_format = EmailFormat.PLAIN_TEXT
    elif "large_print" in formats:
        email_format = EmailFormat.LARGE_PRINT
    else:
        email_format = EmailFormat.HTML
    return ContactPlan(channels=channels, email_format=email_format)


def _by_hand_fallback(profile) -> str:
    """For someone with no email address and no channel chosen: a letter if we have
    their address, otherwise a phone call. Never an email."""
    if profile is not None and (profile.address or profile.postcode):
        return Channel.POST
    return Channel.PHONE


def address_for(user, channel: str) -> str:
    profile = getattr(user, "member_profile", None)
    if channel == Channel.EMAIL:
        return user.email or ""
    if profile is None:
        return ""
    if channel == Channel.POST:
        return "\n".join(part for part in (profile.address, profile.postcode) if part)
    return profile.phone


def notify(
    *, recipient, topic: str, key: str, subject: str, body: str, url: str = ""
) -> Notification:
    """Tell ``recipient`` something, once per ``key``, the ways they asked for.

    ``body`` is plain text; ``url`` is a path on this site where they can act on it.
    Emails are sent by a background task after the surrounding transaction commits;
    text messages, letters and calls wait in the coordinators' list. Returns the
    notification, the existing one when this key was used before; its ``told_now``
    is True only when this call created it.
    """
    existing = Notification.objects.filter(recipient=recipient, key=key).first()
    if existing is not None:
        existing.told_now = False
        return existing
    plan = contact_plan_for(recipient)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, topic=topic, key=key, subject=subject, body=body, url=url
            )
            for channel in plan.channels:
                if notification.hides_recipient and channel in BY_HAND:
                    # A coordinator would have to know who to post it to: the person
                    # reads it online (and by email, if they chose email) instead.
                    continue
                delivery = Delivery.objects.create(
                    notification=notification,
                    channel=channel,
                    email_format=plan.email_format if channel == Channel.EMAIL else "",
                    address=address_for(recipient, channel),
                )
                if channel == Channel.EMAIL:
                    transaction.on_commit(
                        lambda pk=delivery.pk: async_task(
                            "cms.notifications.services.send_email_delivery",
                            pk,
                            task_name=f"notification-email-{pk}",
                        )
                    )
    except IntegrityError:
        # Another worker told them first, between our check and our insert.
        existing = Notification.objects.get(recipient=recipient, key=key)
        existing.told_now = False
        return existing
    notification.told_now = True
    # Their dashboard counts unread messages: rebuild it once this is saved.
    transaction.on_commit(lambda: forget_for(recipient.pk))
    # A member's supporter who asked for copies gets one by email (cms.supporters owns
    # the rules); imported here because supporters builds on the members app.
    from cms.supporters.services import copy_to_supporters

    copy_to_supporters(notification)
    return notification


def render_message(template: str, context: dict) -> str:
    """A message body from one of the text templates, with the site address to hand."""
    return render_to_string(template, {"site_url": settings.SITE_URL, **context}).strip()


def render_email(delivery: Delivery) -> EmailMultiAlternatives:
    """The email for one delivery, in the format the person chose."""
    notification = delivery.notification
    context = {
        "notification": notification,
        "recipient": notification.recipient,
        "site_url": settings.SITE_URL,
        "large_print": delivery.email_format == EmailFormat.LARGE_PRINT,
    }
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=render_to_string("notifications/email/message.txt", context),
        to=[delivery.address],
        headers={"X-Involve-Notification": str(notification.pk)},
    )
    if delivery.email_format != EmailFormat.PLAIN_TEXT:
        message.attach_alternative(
            render_to_string("notifications/email/message.html", context), "text/html"
        )
    return message


def send_email_delivery(delivery_id: int) -> bool:
    """Task: send one notification email. Returns True if it was sent on this run.

    Safe to run twice: a delivery already sent is left alone. A failure is counted
    and kept for staff to see; after ``MAX_EMAIL_ATTEMPTS`` it is marked failed,
    before that the scheduled ``retry_unsent_emails`` tries again.
    """
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update()
            .select_related("notification__recipient")
            .filter(pk=delivery_id, channel=Channel.EMAIL, status=Delivery.Status.PENDING)
            .first()
        )
        if delivery is None:
            return False
        delivery.attempts += 1
        if not delivery.address:
            delivery.status = Delivery.Status.FAILED
            delivery.last_error = "There is no email address on record."
            delivery.save(update_fields=["attempts", "status", "last_error"])
            return False
        try:
            render_email(delivery).send()
        except Exception as error:
            delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
            if delivery.attempts >= MAX_EMAIL_ATTEMPTS:
                delivery.status = Delivery.Status.FAILED
            delivery.save(update_fields=["attempts", "status", "last_error"])
            return False
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return True


def retry_unsent_emails() -> int:
    """Scheduled task: try again the emails that failed for now. Returns how many sent.

    Also sends those never tried after a few minutes: their task was not queued (the task
    queue was down when they were saved, see cms/core/broker.py) or was lost.
    """
    never_queued = timezone.now() - timedelta(minutes=10)
    pending = (
        Delivery.objects.filter(channel=Channel.EMAIL, status=Delivery.Status.PENDING)
        .filter(models.Q(attempts__gt=0) | models.Q(notification__created_at__lt=never_queued))
        .values_list("pk", flat=True)
    )
    return sum(send_email_delivery(pk) for pk in list(pending))


class NotByHand(Exception):
    """Only text messages, letters and calls are sent by hand."""


def mark_sent_by_hand(delivery: Delivery, *, by) -> Delivery:
    """Record that a coordinator sent a text message, letter or call themselves."""
    if delivery.channel not in BY_HAND:
        raise NotByHand(f"{delivery.get_channel_display()} is sent automatically.")
    if delivery.status != Delivery.Status.SENT:
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = timezone.now()
        delivery.sent_by = by
        delivery.attempts += 1
        delivery.save(update_fields=["status", "sent_at", "sent_by", "attempts"])
    return delivery


def mark_read(notification: Notification, *, now=None) -> None:
    """The person has seen it on their dashboard."""
    if notification.read_at is None:
        notification.read_at = now or timezone.now()
        notification.save(update_fields=["read_at"])
        # Opening a message is a GET, which the fragments middleware does not watch.
        transaction.on_commit(lambda: forget_for(notification.recipient_id))


# --- Messages from the team -------------------------------------------------------------


def team_message_key(message_id, user_id) -> str:
    """One person's copy of one message from the team."""
    return f"message:{message_id}:{user_id}"


def notify_message(*, message_id, recipient, subject: str, body: str, url: str = ""):
    """Tell one person a coordinator's message, once per ``message_id``."""
    return notify(
        recipient=recipient,
        topic=Topic.MESSAGE,
        key=team_message_key(message_id, recipient.pk),
        subject=subject,
        body=body,
        url=url,
    )


def send_team_message(
    *,
    form_token,
    subject: str,
    body: str,
    service_areas=(),
    roles=(),
    match_all: bool = False,
    by,
    now=None,
) -> TeamMessage:
    """Record a coordinator's message to a group of members and send it to each of them.

    The same ``form_token`` twice (a double click) is one message, sent once. Each
    person is told by a background task after commit, in their own channels.
    """
    from .selectors import members_in_segment

    service_areas, roles = list(service_areas), list(roles)
    if not service_areas and not roles:
        raise EmptySegment("Choose at least one service area or role.")
    with transaction.atomic():
        message, created = TeamMessage.objects.get_or_create(
            form_token=form_token,
            defaults={
                "subject": subject.strip(),
                "body": body.strip(),
                "match_all": match_all,
                "sent_by": by,
                "sent_at": now or timezone.now(),
            },
        )
        if not created:
            return message
        message.service_areas.set(service_areas)
        message.roles.set(roles)
        message.recipient_count = members_in_segment(
            service_areas=service_areas, roles=roles, match_all=match_all
        ).count()
        message.save(update_fields=["recipient_count"])
        transaction.on_commit(
            lambda: async_task(
                "cms.notifications.services.deliver_team_message",
                message.pk,
                task_name=f"team-message-{message.pk}",
            )
        )
    return message


class EmptySegment(ValueError):
    """A message to nobody in particular: choose an area or a role."""


def deliver_team_message(message_id: int) -> int:
    """Task: tell everyone in the message's group. Safe to run twice; returns how many now."""
    from django.urls import reverse

    from .selectors import members_in_segment

    message = TeamMessage.objects.filter(pk=message_id).first()
    if message is None:
        return 0
    people = members_in_segment(
        service_areas=list(message.service_areas.all()),
        roles=list(message.roles.all()),
        match_all=message.match_all,
    ).select_related("user")
    url = reverse("members:messages:index")
    told = 0
    for member in people:
        notification = notify_message(
            message_id=f"team-{message.pk}",
            recipient=member.user,
            subject=message.subject,
            body=message.body,
            url=url,
        )
        told += notification.told_now
    return told
