from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "cms.users"
    label = "users"
    verbose_name = "People and roles"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from .access import forget_group_names

        m2m_changed.connect(
            forget_group_names,
            sender=get_user_model().groups.through,
            dispatch_uid="users-forget-group-names",
        )
