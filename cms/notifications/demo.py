"""Demo messages for demo members, including a text message waiting for a coordinator.

Built without sending anything: emails are recorded as already sent, and text
messages, letters and calls wait in "Messages to send by hand". Safe to run again:
each message is found by its person and key.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from .models import Channel, Delivery, Notification, Topic
from .services import address_for, contact_plan_for

# (email, key, topic, subject, body, url name, days ago, already read)
DEMO_MESSAGES = [
    (
        "member@example.org",
        "demo:welcome",
        Topic.APPLICATION,
        "Your application: active member",
        "Welcome! You are now an active member. You can sign in to see opportunities and "
        "keep your profile up to date.",
        "members:account",
        30,
        True,
    ),
    (
        "member@example.org",
        "demo:forum-papers",
        Topic.PAPERS,
        "Papers for the Carers' Forum are ready to read",
        "The papers for the Carers' Forum are ready to read: the agenda and last "
        "meeting's notes.\n\nYou need to sign in to open them. If you need the papers in "
        "another format, like large print, easy read or audio, please reply to this email "
        "or call the involvement team.",
        "members:account",
        2,
        False,
    ),
    (
        "member@example.org",
        "demo:summer-survey",
        Topic.MESSAGE,
        "Help us plan the summer listening events",
        "We are planning three listening events this summer, in Hillside, the town centre "
        "and online. Tell us which days and times suit you best, and what would help you "
        "come along.",
        "members:messages:index",
        1,
        False,
    ),
    (
        "ben.thompson@example.org",
        "demo:panel-reminder",
        Topic.TAKING_PART,
        "Reminder: interview panel on Thursday",
        "This is a reminder that the interview panel for the new home care manager is on "
        "Thursday at 10am, at the Civic Centre, Committee Room 2. A BSL interpreter is "
        "booked for you.\n\nIf you cannot come, please tell us as soon as you can.",
        "members:participation:involvement",
        0,
        False,
    ),
    (
        "graham.scott@example.org",
        "demo:recovery-forum",
        Topic.TAKING_PART,
        "You have a place on the Recovery Forum",
        'Good news: you have a place on "Recovery Forum: shaping the new service". Please '
        "sign in to confirm you can come, or call the involvement team.",
        "members:participation:involvement",
        1,
        False,
    ),
]


def load_demo() -> None:
    users = {
        user.email: user
        for user in get_user_model()
        .objects.filter(email__in={row[0] for row in DEMO_MESSAGES})
        .select_related("member_profile")
    }
    now = timezone.now()
    for email, key, topic, subject, body, url_name, days_ago, read in DEMO_MESSAGES:
        user = users.get(email)
        if user is None or Notification.objects.filter(recipient=user, key=key).exists():
            continue
        created_at = now - dt.timedelta(days=days_ago, hours=2)
        notification = Notification.objects.create(
            recipient=user,
            topic=topic,
            key=key,
            subject=subject,
            body=body,
            url=reverse(url_name),
            created_at=created_at,
            read_at=created_at + dt.timedelta(hours=5) if read else None,
        )
        plan = contact_plan_for(user)
        for channel in plan.channels:
            emailed = channel == Channel.EMAIL
            Delivery.objects.create(
                notification=notification,
                channel=channel,
                email_format=plan.email_format if emailed else "",
                address=address_for(user, channel),
                # Emails count as sent so loading the demo emails nobody; texts,
                # letters and calls wait for a coordinator.
                status=Delivery.Status.SENT if emailed else Delivery.Status.PENDING,
                sent_at=created_at if emailed else None,
                attempts=1 if emailed else 0,
            )
