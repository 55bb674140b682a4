"""Emails to people on the bulletin list who are not (necessarily) users. Safe to run twice."""

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.dateparse import parse_datetime

from . import links, services
from .models import Subscriber


def send_confirmation_email(subscriber_id: int, requested_at: str) -> bool:
    """Send the email asked for at ``requested_at``; True if it was sent this time.

    Someone waiting for confirmation gets the confirmation link; someone already
    subscribed gets a link to their preferences (so the public form never reveals who
    is on the list); someone who unsubscribed since gets nothing. Runs once per request:
    a second run, or a run for a request that a newer one replaced, sends nothing. If
    sending fails the mark is rolled back, so a retry sends.
    """
    requested = parse_datetime(requested_at)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
        if (
            subscriber is None
            or subscriber.confirmation_sent_at != requested
            or subscriber.confirmation_emailed_for == requested
            or subscriber.status == Subscriber.Status.UNSUBSCRIBED
        ):
            return False
        context = {
            "subscriber": subscriber,
            "confirm_url": links.confirm_url(subscriber),
            "preferences_url": links.preferences_url(subscriber),
            "expires_in_days": links.CONFIRMATION_MAX_AGE.days,
        }
        if subscriber.status == Subscriber.Status.PENDING:
            template = "subscriptions/email/confirm"
        else:
            template = "subscriptions/email/already_subscribed"
        send_mail(
            subject=render_to_string(f"{template}_subject.txt", context).strip(),
            message=render_to_string(f"{template}.txt", context),
            from_email=None,
            recipient_list=[subscriber.email],
        )
        subscriber.confirmation_emailed_for = requested
        subscriber.save(update_fields=["confirmation_emailed_for"])
    return True


def forget_unconfirmed() -> int:
    """Daily: delete addresses that never confirmed (see ``services.forget_unconfirmed``)."""
    return services.forget_unconfirmed()
