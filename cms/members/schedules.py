"""Recurring work for members, created by ``manage.py ensure_schedules``."""

from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "members: supervision review reminders",
        "func": "cms.members.supervision.send_supervision_reminders",
        "schedule_type": Schedule.DAILY,
        "minutes": None,
    },
]
