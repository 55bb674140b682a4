"""Nothing personal in the logs: every handler scrubs what a careless message lets through."""

import io
import logging

import pytest
from django.conf import settings

from cms.core.logging import PersonalDataFilter, scrub


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sent to dev.o'neil+x@example.co.uk today", "Sent to [email removed] today"),
        ("Call 07700 900123 or +44 20 7946 0018", "Call [phone removed] or [phone removed]"),
        ("Call (020) 7946-0018", "Call [phone removed]"),
        ("Lives at SW1A 1AA and ls1 4ap", "Lives at [postcode removed] and [postcode removed]"),
        ("NI JG 10 37 54 A and AB123456D", "NI [NI number removed] and [NI number removed]"),
        # Ordinary log lines keep their numbers.
        ("Sent 250 of 10000 in 12.5 s, task 8f3a", "Sent 250 of 10000 in 12.5 s, task 8f3a"),
        ("Claim 1234 paid on 2026-11-26 at 10:15", "Claim 1234 paid on 2026-11-26 at 10:15"),
    ],
)
def test_scrub(text, expected):
    assert scrub(text) == expected


def test_the_arguments_and_traceback_are_scrubbed_too():
    try:
        raise ValueError("no account for pat@example.org")
    except ValueError:
        record = logging.LogRecord(
            "cms", logging.ERROR, __file__, 1, "Failed for %s", ("pat@example.org",), True
        )
        import sys

        record.exc_info = sys.exc_info()
    assert PersonalDataFilter().filter(record) is True
    text = logging.Formatter().format(record)
    assert "pat@example.org" not in text
    assert "Failed for [email removed]" in text
    assert "no account for [email removed]" in text


@pytest.fixture
def log_output():
    """The root logger's configured handler filters, on a handler we can read."""
    configured = settings.LOGGING["handlers"]["console"]
    assert configured["filters"] == ["personal_data"]
    console = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, PersonalDataFilter) for f in handler.filters)
    )
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.filters = console.filters
    handler.setFormatter(console.formatter)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


@pytest.mark.django_db
def test_a_request_log_names_the_path_but_never_the_form(client, log_output):
    client.post(
        "/no-such-page/pat@example.org/",
        {"email": "sam@example.org", "phone": "07700 900123", "notes": "my diagnosis"},
    )
    text = log_output.getvalue()
    assert "Not Found" in text
    assert "pat@example.org" not in text
    assert "sam@example.org" not in text
    assert "diagnosis" not in text
    assert "07700" not in text


def test_no_error_emails_carry_request_bodies():
    # Django's mail_admins handler would email POST data; it only sends when ADMINS is set.
    assert not getattr(settings, "ADMINS", [])


def test_the_task_workers_log_only_warnings_and_failures_by_default():
    """django-q2 logs every task it runs at INFO under the name "django-q" (not its
    package name); a worker's log keeps to what needs someone's attention."""

    assert settings.LOGGING["loggers"]["django-q"]["level"] == "WARNING"
    assert logging.getLogger("django-q").getEffectiveLevel() == logging.WARNING
