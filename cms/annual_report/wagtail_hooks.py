from django.urls import include, path
from wagtail import hooks

from .admin_views import AnnualReportViewSet, urlpatterns


@hooks.register("register_admin_urls")
def register_annual_report_admin_urls():
    return [
        path(
            "annual-report/",
            include((urlpatterns, "annual_report_admin"), namespace="annual_report_admin"),
        )
    ]


@hooks.register("register_admin_viewset")
def register_annual_report_viewset():
    return AnnualReportViewSet()
