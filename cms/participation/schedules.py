"""Recurring work for taking part, created by ``manage.py ensure_schedules``."""

from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "participation: due reminders",
        "func": "cms.participation.reminder_tasks.send_due_reminders",
        "schedule_type": Schedule.MINUTES,
        "minutes": 15,
    },
    {
        "name": "participation: outcome catch-up",
        "func": "cms.participation.reminder_tasks.catch_up_outcomes",
        "schedule_type": Schedule.DAILY,
        "minutes": None,
    },
]
