from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms.subscriptions"
    verbose_name = "bulletin subscribers"
