from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .services import can_reveal


class FinanceRevealMenuItem(MenuItem):
    def is_shown(self, request):
        return can_reveal(request.user)


@hooks.register("register_admin_urls")
def register_banking_admin_urls():
    urls = [
        path("", admin_views.BankDetailsIndexView.as_view(), name="index"),
        path("<int:pk>/reveal/", admin_views.RevealBankDetailsView.as_view(), name="reveal"),
        path("log/", admin_views.AccessLogView.as_view(), name="access_log"),
    ]
    return [path("bank-details/", include((urls, "banking_admin"), namespace="banking_admin"))]


@hooks.register("register_admin_menu_item")
def register_banking_menu_item():
    return FinanceRevealMenuItem(
        "Bank details", reverse("banking_admin:index"), icon_name="doc-full", order=640
    )
