"""Workflow rules for the e-bulletin list: subscribe, confirm, change preferences, leave.

Every move of a ``Subscriber`` goes through :func:`move_subscriber`, checked against
``TRANSITIONS`` and recorded as a dated, attributed ``SubscriptionChange``. Visitors
confirm their address from an email (double opt-in); members' addresses are already
verified, so they are subscribed at once. Views call these functions; they never set a
status themselves.
"""

from datetime import datetime, timedelta

from django.db import models, transaction
from django.utils import timezone
from django_q.tasks import async_task

from .models import Subscriber, SubscriptionChange

S = Subscriber.Status
TRANSITIONS: dict[str, set[str]] = {
    S.PENDING: {S.CONFIRMED, S.UNSUBSCRIBED},
    S.CONFIRMED: {S.UNSUBSCRIBED},
    # Coming back needs the address confirmed again, unless a member (verified) subscribes.
    S.UNSUBSCRIBED: {S.PENDING, S.CONFIRMED},
}
# Nobody gets a second confirmation email within this time, however often the form is sent.
RESEND_INTERVAL = timedelta(minutes=5)
# An address never confirmed is forgotten this long after the last confirmation email:
# we have no consent to keep it.
FORGET_UNCONFIRMED_AFTER = timedelta(days=30)


class SubscriptionError(Exception):
    """A move the rules do not allow; the message is written for the screen."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def move_subscriber(
    subscriber: Subscriber,
    to_status: str,
    *,
    how: str,
    by=None,
    now: datetime | None = None,
) -> SubscriptionChange:
    """Move ``subscriber`` to ``to_status`` if ``TRANSITIONS`` allows it, and record the move.

    Raises ``SubscriptionError`` for a move the rules do not allow.
    """
    now = now or timezone.now()
    from_status = subscriber.status
    if to_status not in TRANSITIONS.get(from_status, set()):
        raise SubscriptionError(
            f"A subscription that is '{subscriber.get_status_display()}' cannot become "
            f"'{S(to_status).label}'."
        )
    subscriber.status = to_status
    update_fields = ["status"]
    if to_status == S.CONFIRMED:
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        update_fields += ["confirmed_at", "unsubscribed_at"]
    elif to_status == S.UNSUBSCRIBED:
        subscriber.unsubscribed_at = now
        update_fields.append("unsubscribed_at")
    elif to_status == S.PENDING:
        subscriber.confirmed_at = None
        subscriber.unsubscribed_at = None
        update_fields += ["confirmed_at", "unsubscribed_at"]
    subscriber.save(update_fields=update_fields)
    return SubscriptionChange.objects.create(
        subscriber=subscriber, from_status=from_status, to_status=to_status, at=now, by=by, how=how
    )


def _request_confirmation_email(subscriber: Subscriber, *, now: datetime) -> bool:
    """Queue the confirmation (or "you are already subscribed") email, at most once per
    ``RESEND_INTERVAL``. True if an email was queued."""
    last = subscriber.confirmation_sent_at
    if last is not None and now - last < RESEND_INTERVAL:
        return False
    subscriber.confirmation_sent_at = now
    subscriber.save(update_fields=["confirmation_sent_at"])
    subscriber_id, requested_at = subscriber.pk, now.isoformat()
    transaction.on_commit(
        lambda: async_task(
            "cms.subscriptions.tasks.send_confirmation_email",
            subscriber_id,
            requested_at,
            task_name=f"bulletin-confirmation-{subscriber_id}-{requested_at}",
        )
    )
    return True


@transaction.atomic
def subscribe(
    *,
    email: str,
    service_areas,
    email_format: str,
    now: datetime | None = None,
) -> Subscriber:
    """A visitor asks for the bulletin. Always ends by emailing the address, never the screen.

    - A new address is added as waiting for confirmation, and sent the confirmation link.
    - An address waiting for confirmation, or one that unsubscribed, gets its choices
      updated and the confirmation link again: nothing reaches it until it confirms.
    - An address already subscribed keeps its choices (a stranger could have typed it)
      and is emailed a link to its preferences page instead.

    The caller shows the same page whichever happened, so the form cannot be used to
    find out who is on the list. Emails are rate-limited by ``RESEND_INTERVAL``.
    """
    now = now or timezone.now()
    email = normalise_email(email)
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    if subscriber is None:
        subscriber = Subscriber.objects.create(
            email=email, email_format=email_format, status=S.PENDING, created_at=now
        )
        subscriber.service_areas.set(service_areas)
        SubscriptionChange.objects.create(
            subscriber=subscriber, from_status="", to_status=S.PENDING, at=now, how="form"
        )
    elif subscriber.status in (S.PENDING, S.UNSUBSCRIBED):
        if subscriber.status == S.UNSUBSCRIBED:
            move_subscriber(subscriber, S.PENDING, how=SubscriptionChange.How.FORM, now=now)
        subscriber.email_format = email_format
        subscriber.save(update_fields=["email_format"])
        subscriber.service_areas.set(service_areas)
    _request_confirmation_email(subscriber, now=now)
    return subscriber


@transaction.atomic
def confirm(*, subscriber: Subscriber, now: datetime | None = None) -> Subscriber:
    """Confirm the address from the emailed link. Confirming twice changes nothing.

    Raises ``SubscriptionError`` if the person has unsubscribed since: an old
    confirmation link must not put them back on the list.
    """
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status == S.CONFIRMED:
        return subscriber
    if subscriber.status == S.UNSUBSCRIBED:
        raise SubscriptionError(
            "You unsubscribed after we sent this link, so it no longer works. "
            "Subscribe again if you would like the bulletin."
        )
    move_subscriber(subscriber, S.CONFIRMED, how=SubscriptionChange.How.EMAIL_LINK, now=now)
    return subscriber


@transaction.atomic
def unsubscribe(
    *,
    subscriber: Subscriber,
    how: str = SubscriptionChange.How.EMAIL_LINK,
    by=None,
    now: datetime | None = None,
) -> Subscriber:
    """Take the subscriber off the list at once. Unsubscribing twice changes nothing."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status != S.UNSUBSCRIBED:
        move_subscriber(subscriber, S.UNSUBSCRIBED, how=how, by=by, now=now)
    return subscriber


@transaction.atomic
def resubscribe(*, subscriber: Subscriber, now: datetime | None = None) -> Subscriber:
    """Someone who just unsubscribed, from the signed link, changes their mind.

    The signed link proves they can read that mailbox, so no new confirmation is needed
    if they had confirmed before; otherwise they are sent the confirmation link again.
    """
    now = now or timezone.now()
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.status != S.UNSUBSCRIBED:
        return subscriber
    # confirmed_at survives unsubscribing and is cleared when an address must confirm again.
    if subscriber.confirmed_at is not None:
        move_subscriber(subscriber, S.CONFIRMED, how=SubscriptionChange.How.EMAIL_LINK, now=now)
    else:
        move_subscriber(subscriber, S.PENDING, how=SubscriptionChange.How.EMAIL_LINK, now=now)
        _request_confirmation_email(subscriber, now=now)
    return subscriber


@transaction.atomic
def update_preferences(*, subscriber: Subscriber, service_areas, email_format: str) -> Subscriber:
    """Change what the subscriber hears about (no areas means all of them) and the format."""
    subscriber.email_format = email_format
    subscriber.save(update_fields=["email_format"])
    subscriber.service_areas.set(service_areas)
    return subscriber


@transaction.atomic
def subscribe_member(
    *, user, service_areas, email_format: str, now: datetime | None = None
) -> Subscriber:
    """A signed-in member subscribes (or changes their choices) from the members area.

    allauth has verified their address, so there is no confirmation email. The
    subscription is linked to their user and its address follows theirs. If the list
    already had their address from the public form, that entry becomes theirs; an older
    entry of theirs under a previous address is unsubscribed and unlinked.
    """
    now = now or timezone.now()
    email = normalise_email(user.email)
    by_email = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    by_user = Subscriber.objects.select_for_update().filter(user=user).first()
    if by_user is not None and by_email is not None and by_user.pk != by_email.pk:
        by_user.user = None
        by_user.save(update_fields=["user"])
        if by_user.status != S.UNSUBSCRIBED:
            move_subscriber(by_user, S.UNSUBSCRIBED, how="member", by=user, now=now)
        by_user = None
    subscriber = by_email or by_user
    if subscriber is None:
        subscriber = Subscriber.objects.create(
            email=email,
            user=user,
            status=S.CONFIRMED,
            created_at=now,
            confirmed_at=now,
            email_format=email_format,
        )
        SubscriptionChange.objects.create(
            subscriber=subscriber,
            from_status="",
            to_status=S.CONFIRMED,
            at=now,
            by=user,
            how=SubscriptionChange.How.MEMBER,
        )
    else:
        subscriber.user = user
        subscriber.email = email
        subscriber.email_format = email_format
        subscriber.save(update_fields=["user", "email", "email_format"])
        if subscriber.status != S.CONFIRMED:
            move_subscriber(
                subscriber, S.CONFIRMED, how=SubscriptionChange.How.MEMBER, by=user, now=now
            )
    subscriber.service_areas.set(service_areas)
    return subscriber


def sync_member_email(*, subscriber: Subscriber) -> Subscriber:
    """Keep a member's subscription at their current verified address.

    Called when the member opens their bulletin page. If another list entry already has
    the new address, the member's entry keeps its old one (the unique rule on addresses
    wins); subscribing again from the page merges them.
    """
    user = subscriber.user
    if user is None or not user.email:
        return subscriber
    email = normalise_email(user.email)
    if subscriber.email == email:
        return subscriber
    clash = Subscriber.objects.filter(email__iexact=email).exclude(pk=subscriber.pk).exists()
    if not clash:
        subscriber.email = email
        subscriber.save(update_fields=["email"])
    return subscriber


def forget_unconfirmed(*, now: datetime | None = None) -> int:
    """Delete addresses that never confirmed, ``FORGET_UNCONFIRMED_AFTER`` after the last
    confirmation email (their confirmation link has long expired). Members' entries and
    anyone who ever confirmed are kept. Safe to run twice. Returns how many were deleted.
    """
    now = now or timezone.now()
    cutoff = now - FORGET_UNCONFIRMED_AFTER
    stale = Subscriber.objects.filter(
        status=S.PENDING, confirmed_at__isnull=True, user__isnull=True, created_at__lt=cutoff
    ).filter(
        models.Q(confirmation_sent_at__isnull=True) | models.Q(confirmation_sent_at__lt=cutoff)
    )
    _, deleted = stale.delete()
    return deleted.get(Subscriber._meta.label, 0)
