from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "cms.opportunities"
    label = "opportunities"
