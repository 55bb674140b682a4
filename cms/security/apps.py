from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "cms.security"
    label = "security"
    verbose_name = "Security"
