from django.apps import AppConfig


class SupportersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms.supporters"
    verbose_name = "Supporters"
