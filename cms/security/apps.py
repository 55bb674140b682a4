from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "cms.security"
    label = "security"
    verbose_name = "Security"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import stamp_sign_in

        user_logged_in.connect(stamp_sign_in, dispatch_uid="security-stamp-sign-in")
