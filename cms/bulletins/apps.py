from django.apps import AppConfig


class BulletinsConfig(AppConfig):
    name = "cms.bulletins"
    label = "bulletins"
