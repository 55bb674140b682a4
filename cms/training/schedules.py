"""Recurring work for training, created by ``manage.py ensure_schedules``."""

from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "training: renewal and overdue reminders",
        "func": "cms.training.tasks.send_training_reminders",
        "schedule_type": Schedule.DAILY,
        "minutes": None,
    },
]
