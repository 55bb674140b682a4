from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "cms.members"
    label = "members"
    verbose_name = "Members"
