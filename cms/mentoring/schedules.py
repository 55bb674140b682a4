"""Recurring work for mentoring, created by ``manage.py ensure_schedules``."""

from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "mentoring: remind about unconfirmed sessions",
        "func": "cms.mentoring.services.remind_unconfirmed_sessions",
        "schedule_type": Schedule.HOURLY,
        "minutes": None,
    },
]
