from django.urls import include, path, reverse
from wagtail import hooks

from cms.users.access import CoordinatorMenuItem

from . import (
    admin_views,
    wagtail_hooks_feedback,  # noqa: F401 (registers the feedback and papers admin)
)


@hooks.register("register_admin_urls")
def register_taking_part_urls():
    return [
        path(
            "taking-part/",
            include(
                (admin_views.urlpatterns, "participation_admin"), namespace="participation_admin"
            ),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_taking_part_menu_item():
    return CoordinatorMenuItem(
        "Taking part",
        reverse("participation_admin:index"),
        name="taking-part",
        icon_name="group",
        order=252,
    )
