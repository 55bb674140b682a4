"""The development mail backend prints each email like the console backend and keeps a copy."""

import importlib
import io

import pytest
from django.core.mail import EmailMultiAlternatives, get_connection

from cms.notifications.mail_backends import BACKEND_PATH
from cms.notifications.models import SentEmail

pytestmark = pytest.mark.django_db


def test_each_email_is_printed_and_kept():
    stream = io.StringIO()
    message = EmailMultiAlternatives(
        subject="Your papers are ready",
        body="The papers for Thursday are ready.",
        from_email="Involve <involve@example.org>",
        to=["iris@example.org"],
        cc=["carer@example.org"],
        headers={"X-Involve-Notification": "42"},
    )
    message.attach_alternative("<p>The papers for Thursday are ready.</p>", "text/html")
    connection = get_connection(BACKEND_PATH, stream=stream)
    assert connection.send_messages([message]) == 1
    assert "Subject: Your papers are ready" in stream.getvalue()
    kept = SentEmail.objects.get()
    assert kept.to == "iris@example.org\ncarer@example.org"
    assert kept.from_email == "Involve <involve@example.org>"
    assert kept.text_body == "The papers for Thursday are ready."
    assert kept.html_body == "<p>The papers for Thursday are ready.</p>"
    assert kept.headers == {"X-Involve-Notification": "42"}


def test_development_settings_use_it_unless_told_otherwise(monkeypatch):
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    dev = importlib.reload(importlib.import_module("cms.settings.dev"))
    assert dev.EMAIL_BACKEND == BACKEND_PATH
