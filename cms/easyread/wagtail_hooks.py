from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .access import may_see_reading_age_report


@hooks.register("register_admin_urls")
def register_easyread_admin_urls():
    return [
        path("easyread/writing-help/", admin_views.writing_help, name="easyread_writing_help"),
        path(
            "reports/reading-age/",
            admin_views.ReadingAgeReportView.as_view(),
            name="easyread_reading_age_report",
        ),
        path(
            "reports/reading-age/results/",
            admin_views.ReadingAgeReportView.as_view(results_only=True),
            name="easyread_reading_age_report_results",
        ),
    ]


class ReadingAgeReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_reading_age_report(request.user)


@hooks.register("register_reports_menu_item")
def register_reading_age_report_menu_item():
    return ReadingAgeReportMenuItem(
        "Pages above the reading age",
        reverse("easyread_reading_age_report"),
        name="reading-age",
        icon_name="doc-full",
        order=1200,
    )
