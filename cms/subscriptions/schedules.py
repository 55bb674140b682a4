"""Recurring work for the e-bulletin list, created by ``manage.py ensure_schedules``."""

from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "subscriptions: forget unconfirmed addresses",
        "func": "cms.subscriptions.tasks.forget_unconfirmed",
        "schedule_type": Schedule.DAILY,
        "minutes": None,
    },
]
