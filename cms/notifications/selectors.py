"""Read-side queries for notifications: the member's messages, and the staff lists."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from cms.members.choices import ContactMethod, Format
from cms.members.models import MemberProfile

from .models import PRIVATE_KEY_PREFIX, Channel, Delivery, Notification
from .services import contact_plan_for

DASHBOARD_LATEST = 3


@dataclass(frozen=True)
class NotificationsDashboard:
    unread_count: int
    latest: list[Notification]


def notifications_dashboard(user) -> NotificationsDashboard:
    """What the member dashboard shows: how many are unread and the newest three."""
    own = Notification.objects.for_user(user)
    return NotificationsDashboard(
        unread_count=own.unread().count(), latest=list(own[:DASHBOARD_LATEST])
    )


def notifications_for_member(user):
    """A person's own notifications, newest first."""
    return Notification.objects.for_user(user).only(
        "pk", "recipient_id", "subject", "topic", "created_at", "read_at"
    )


@dataclass(frozen=True)
class ContactSummary:
    """How we contact someone, in words, for the page that lists their messages."""

    channels: list[str]
    formats: list[str]
    chosen: bool
    may_change: bool


def contact_summary(user) -> ContactSummary:
    """The channels and formats ``user`` chose, as they would read them.

    ``may_change`` is True when they have a profile page to change them on (active
    members); applicants change them in their application, staff have no choice.
    """
    plan = contact_plan_for(user)
    profile = getattr(user, "member_profile", None)
    methods = list(profile.contact_methods) if profile else []
    formats = list(profile.formats) if profile else []
    method_labels = dict(ContactMethod.choices)
    channel_labels = dict(Channel.choices)
    format_labels = dict(Format.choices)
    return ContactSummary(
        channels=[str(method_labels.get(c) or channel_labels[c]) for c in plan.channels],
        formats=[str(format_labels.get(f, f)) for f in formats],
        chosen=bool(methods),
        may_change=bool(profile and profile.status == "active"),
    )


def members_in_segment(*, service_areas=(), roles=(), match_all: bool = False):
    """Active members with expertise in any chosen area and/or holding any chosen role.

    With ``match_all`` they must match both a chosen area and a chosen role (when both
    are chosen); otherwise either will do. Nobody is counted twice.
    """
    by_area = Q(expertise__in=list(service_areas)) if service_areas else None
    by_role = Q(roles__in=list(roles)) if roles else None
    members = MemberProfile.objects.in_bank().filter(user__is_active=True)
    if by_area is None and by_role is None:
        return members.none()
    if match_all and by_area is not None and by_role is not None:
        ids = members.filter(by_area).filter(by_role).values("pk")
    else:
        condition = (
            by_area if by_role is None else by_role if by_area is None else by_area | by_role
        )
        ids = members.filter(condition).values("pk")
    return MemberProfile.objects.filter(pk__in=ids).order_by("pk")


def deliveries_to_send_by_hand():
    """Text messages, letters and calls waiting for a coordinator, oldest first."""
    return (
        Delivery.objects.to_send_by_hand()
        .select_related("notification__recipient")
        .order_by("notification__created_at", "pk")
    )


def notifications_log(*, topic: str = "", channel: str = "", status: str = "", search: str = ""):
    """Who was told what, when and how, newest first, narrowed by the log's filters."""
    notifications = Notification.objects.select_related("recipient").prefetch_related(
        Prefetch("deliveries", queryset=Delivery.objects.order_by("pk"))
    )
    if topic:
        notifications = notifications.filter(topic=topic)
    # One filter call, so channel and status must hold for the same delivery.
    delivery_filter = {}
    if channel:
        delivery_filter["deliveries__channel"] = channel
    if status:
        delivery_filter["deliveries__status"] = status
    if delivery_filter:
        notifications = notifications.filter(**delivery_filter)
    if search:
        by_person = (
            Q(recipient__email__icontains=search)
            | Q(recipient__first_name__icontains=search)
            | Q(recipient__last_name__icontains=search)
        )
        # Searching for a name must not reveal who received a private notification.
        by_person &= ~Q(key__startswith=PRIVATE_KEY_PREFIX)
        notifications = notifications.filter(by_person | Q(subject__icontains=search))
    return notifications.distinct().order_by("-created_at", "-pk")
