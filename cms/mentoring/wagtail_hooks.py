from django.urls import include, path, reverse
from wagtail import hooks

from cms.users.access import CoordinatorMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_mentoring_admin_urls():
    return [
        path(
            "mentoring/",
            include((admin_views.urlpatterns, "mentoring_admin"), namespace="mentoring_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_mentoring_menu_item():
    return CoordinatorMenuItem(
        "Mentoring",
        reverse("mentoring_admin:index"),
        name="mentoring",
        icon_name="group",
        order=255,
    )
