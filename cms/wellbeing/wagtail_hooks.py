from django.urls import include, path, reverse
from wagtail import hooks

from cms.users.access import CoordinatorMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_wellbeing_admin_urls():
    urls = [
        path("", admin_views.PausedMembersView.as_view(), name="index"),
        path("calls/<int:pk>/done/", admin_views.RecordCallView.as_view(), name="record_call"),
    ]
    return [path("wellbeing/", include((urls, "wellbeing_admin"), namespace="wellbeing_admin"))]


@hooks.register("register_admin_menu_item")
def register_wellbeing_menu_item():
    return CoordinatorMenuItem(
        "Pauses and wellbeing",
        reverse("wellbeing_admin:index"),
        name="pauses-and-wellbeing",
        icon_name="time",
        order=256,
    )
