"""Tasks for django-q2: safe to run twice, as ``notify`` tells each person once per key."""

from . import services


def send_training_reminders() -> int:
    """Run daily by the schedule (see ``manage.py ensure_schedules``)."""
    return services.send_training_reminders()
