from django.urls import include, path, reverse
from wagtail import hooks

from cms.users.access import CoordinatorMenuItem

from . import views


@hooks.register("register_admin_urls")
def register_insight_urls():
    urls = [
        path("", views.ReportIndexView.as_view(), name="index"),
        path("<slug:slug>/", views.ReportDetailView.as_view(), name="report"),
    ]
    return [path("insight/", include((urls, "insight"), namespace="insight"))]


@hooks.register("register_reports_menu_item")
def register_insight_menu_item():
    return CoordinatorMenuItem(
        "Insight: charts and figures",
        reverse("insight:index"),
        name="insight",
        icon_name="table",
        order=50,
    )
