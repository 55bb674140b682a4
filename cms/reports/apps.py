from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms.reports"
    verbose_name = "Reports"

    def ready(self):
        # Each report module registers itself on import.
        from . import catalogue  # noqa: F401
