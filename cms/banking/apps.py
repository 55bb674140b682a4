from django.apps import AppConfig


class BankingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms.banking"
    verbose_name = "Bank details"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment check)
