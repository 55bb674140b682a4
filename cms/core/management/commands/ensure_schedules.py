"""Create or update every app's django-q2 schedules. Safe to re-run.

Each app that has recurring work lists it in a ``schedules.py`` module as
``SCHEDULES``: dicts of django-q2 ``Schedule`` fields with a unique ``name``.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone
from django_q.models import Schedule


def declared_schedules() -> list[dict]:
    """Every schedule the project's apps declare, in app order."""
    declared = []
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("cms."):
            continue
        try:
            module = import_module(f"{app_config.name}.schedules")
        except ModuleNotFoundError as error:
            if error.name != f"{app_config.name}.schedules":
                raise
            continue
        declared.extend(module.SCHEDULES)
    return declared


class Command(BaseCommand):
    help = "Create or update the scheduled background tasks (idempotent)."

    def handle(self, *args, **options):
        for spec in declared_schedules():
            spec = dict(spec)
            name = spec.pop("name")
            schedule = Schedule.objects.filter(name=name).order_by("pk").first()
            if schedule is None:
                Schedule.objects.create(name=name, repeats=-1, next_run=timezone.now(), **spec)
                self.stdout.write(f"Created schedule: {name}")
            else:
                Schedule.objects.filter(name=name).exclude(pk=schedule.pk).delete()
                for field, value in spec.items():
                    setattr(schedule, field, value)
                schedule.repeats = -1
                schedule.save()
                self.stdout.write(f"Up to date: {name}")
