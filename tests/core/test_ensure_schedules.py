"""Every app's recurring work is scheduled once, whatever number of times the command runs."""

import io
from importlib import import_module

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from cms.core.management.commands.ensure_schedules import declared_schedules

pytestmark = pytest.mark.django_db


def test_ensure_schedules_is_idempotent():
    call_command("ensure_schedules", stdout=io.StringIO())
    call_command("ensure_schedules", stdout=io.StringIO())
    declared = sorted(spec["func"] for spec in declared_schedules())
    assert "cms.participation.reminder_tasks.send_due_reminders" in declared
    assert "cms.notifications.services.retry_unsent_emails" in declared
    assert sorted(Schedule.objects.values_list("func", flat=True)) == declared


def test_every_scheduled_function_exists():
    for spec in declared_schedules():
        module_path, name = spec["func"].rsplit(".", 1)
        assert callable(getattr(import_module(module_path), name)), spec["func"]
