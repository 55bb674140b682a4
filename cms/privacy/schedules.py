"""Recurring work for privacy, created by ``manage.py ensure_schedules``."""

from django_q.models import Schedule

SCHEDULES = [
    {
        "name": "privacy: apply the retention schedule",
        "func": "cms.privacy.retention.apply_retention_task",
        "schedule_type": Schedule.DAILY,
        "minutes": None,
    },
]
