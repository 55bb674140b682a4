"""The printable letter for one postal message, as a PDF drawn by WeasyPrint.

A coordinator prints it from "Messages to send by hand" and posts it: the person's
name and postal address (as recorded on the delivery when the message was made),
the date, and the message itself, with where to read it online if they can.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from cms.core.pdf import logo_data_uri, render_pdf

from .models import Delivery


def letter_context(delivery: Delivery, *, organisation, today=None) -> dict:
    notification = delivery.notification
    recipient = notification.recipient
    return {
        "organisation_name": getattr(organisation, "organisation_name", "") or "Involve",
        "organisation_descriptor": getattr(organisation, "organisation_descriptor", ""),
        "contact_email": getattr(organisation, "contact_email", ""),
        "contact_phone": getattr(organisation, "contact_phone", ""),
        "logo_uri": logo_data_uri(organisation),
        "today": today or timezone.localdate(),
        "name": recipient.get_full_name() or recipient.display_name,
        "greeting_name": recipient.display_name,
        "address_lines": [line for line in delivery.address.splitlines() if line.strip()],
        "subject": notification.subject,
        "body": notification.body,
        "online_url": f"{settings.SITE_URL}{notification.action_url}"
        if notification.action_url
        else "",
    }


def letter_filename(delivery: Delivery) -> str:
    return f"letter-{delivery.notification_id}-{delivery.pk}.pdf"


def render_letter_pdf(delivery: Delivery, *, organisation, today=None) -> bytes:
    """The letter for one postal ``delivery``, ready to print and post."""
    context = letter_context(delivery, organisation=organisation, today=today)
    return render_pdf(render_to_string("notifications/pdf/letter.html", context))
