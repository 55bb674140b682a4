"""Recurring work for notifications, created by ``manage.py ensure_schedules``."""

from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "notifications: retry unsent emails",
        "func": "cms.notifications.services.retry_unsent_emails",
        "schedule_type": Schedule.MINUTES,
        "minutes": 10,
    },
]
