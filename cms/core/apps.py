from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "Site core"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the deployment check)
            lookups,  # noqa: F401  (registers the integer ``in`` lookup)
        )
        from .page_cache import forget_pages_when_content_changes

        forget_pages_when_content_changes()
