from django.apps import AppConfig


class FormpagesConfig(AppConfig):
    name = "cms.formpages"
    label = "formpages"
    verbose_name = "Forms"
