from django.urls import include, path, reverse
from wagtail import hooks

from cms.users.access import CoordinatorMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_privacy_admin_urls():
    urls = [
        path("", admin_views.DeletionRequestIndexView.as_view(), name="index"),
        path("<int:pk>/confirm/", admin_views.ConfirmDeletionView.as_view(), name="confirm"),
    ]
    return [
        path(
            "deletion-requests/",
            include((urls, "privacy_admin"), namespace="privacy_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_privacy_menu_item():
    return CoordinatorMenuItem(
        "Deletion requests", reverse("privacy_admin:index"), icon_name="bin", order=630
    )
