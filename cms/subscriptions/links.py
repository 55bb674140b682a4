"""Signed links that let a subscriber act without signing in.

Each purpose (confirm, preferences, unsubscribe) has its own salt, so a token made
for one cannot be used for another. A token carries the subscriber's id and a
signature over it: changing the id, or any character, breaks the signature. Links
to unsubscribe and change preferences never expire, because people unsubscribe from
emails months old; the confirmation link expires after ``CONFIRMATION_MAX_AGE``.
"""

from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Subscriber

CONFIRMATION_MAX_AGE = timedelta(days=7)


class Purpose(StrEnum):
    CONFIRM = "confirm"
    PREFERENCES = "preferences"
    UNSUBSCRIBE = "unsubscribe"


def _signer(purpose: Purpose) -> signing.Signer:
    salt = f"cms.subscriptions.{Purpose(purpose).value}"
    if purpose == Purpose.CONFIRM:
        return signing.TimestampSigner(salt=salt)
    return signing.Signer(salt=salt)


def make_token(subscriber: Subscriber, purpose: Purpose) -> str:
    """A URL-safe token for ``subscriber`` that is valid only for ``purpose``."""
    return _signer(purpose).sign(str(subscriber.pk))


def subscriber_from_token(token: str, purpose: Purpose | str) -> Subscriber | None:
    """The subscriber a token was signed for, or None if it is forged, altered,
    made for another purpose, expired (confirmation only) or the subscriber is gone."""
    try:
        purpose = Purpose(purpose)
        signer = _signer(purpose)
        if purpose == Purpose.CONFIRM:
            value = signer.unsign(token, max_age=CONFIRMATION_MAX_AGE)
        else:
            value = signer.unsign(token)
        pk = int(value)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Subscriber.objects.filter(pk=pk).first()


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def confirm_url(subscriber: Subscriber) -> str:
    """Absolute address of the page that confirms a new subscription."""
    token = make_token(subscriber, Purpose.CONFIRM)
    return _absolute(reverse("subscriptions:confirm", args=[token]))


def unsubscribe_url(subscriber: Subscriber) -> str:
    """Absolute address of the page with a single "Unsubscribe" button (for email bodies).

    Opening it changes nothing (mail scanners follow links); the button does.
    """
    token = make_token(subscriber, Purpose.UNSUBSCRIBE)
    return _absolute(reverse("subscriptions:unsubscribe", args=[token]))


def one_click_unsubscribe_url(subscriber: Subscriber) -> str:
    """Absolute address that unsubscribes on a POST of ``List-Unsubscribe=One-Click`` (RFC 8058)."""
    token = make_token(subscriber, Purpose.UNSUBSCRIBE)
    return _absolute(reverse("subscriptions:one_click_unsubscribe", args=[token]))


def preferences_url(subscriber: Subscriber) -> str:
    """Absolute address of the subscriber's preferences page (segments, format, unsubscribe)."""
    token = make_token(subscriber, Purpose.PREFERENCES)
    return _absolute(reverse("subscriptions:preferences", args=[token]))


def list_unsubscribe_headers(subscriber: Subscriber) -> dict[str, str]:
    """Email headers that let mail programs offer one-click unsubscribe (RFC 2369, RFC 8058).

    Adds a ``mailto:`` alternative only when ``BULLETIN_UNSUBSCRIBE_MAILTO`` is set,
    since nobody reads an unset mailbox.
    """
    targets = [f"<{one_click_unsubscribe_url(subscriber)}>"]
    mailto = getattr(settings, "BULLETIN_UNSUBSCRIBE_MAILTO", "")
    if mailto:
        targets.append(f"<mailto:{mailto}?subject=unsubscribe>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
