from django.apps import AppConfig


class EasyReadConfig(AppConfig):
    name = "cms.easyread"
    label = "easyread"
    verbose_name = "Easy Read and display settings"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .display import restore_on_sign_in

        # A signed-in person's display settings follow them to any browser they sign in on.
        user_logged_in.connect(restore_on_sign_in, dispatch_uid="easyread-restore-display")
