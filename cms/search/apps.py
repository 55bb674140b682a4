from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cms.search"
    label = "involve_search"
    verbose_name = "Site search"
