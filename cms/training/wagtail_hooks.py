from django.urls import include, path, reverse
from wagtail import hooks

from cms.users.access import CoordinatorMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_training_admin_urls():
    urls = [
        path("", admin_views.ComplianceView.as_view(), name="compliance"),
        path("record/", admin_views.RecordAttendanceView.as_view(), name="record"),
    ]
    return [
        path("training-records/", include((urls, "training_admin"), namespace="training_admin"))
    ]


@hooks.register("register_admin_menu_item")
def register_training_records_menu_item():
    return CoordinatorMenuItem(
        "Training records",
        reverse("training_admin:compliance"),
        name="training-records",
        icon_name="doc-full",
        order=254,
    )
