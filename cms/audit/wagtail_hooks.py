from django.urls import path, reverse
from wagtail import hooks

from .admin_views import AdministratorMenuItem, AuditLogView


@hooks.register("register_admin_urls")
def register_audit_admin_urls():
    return [path("audit-log/", AuditLogView.as_view(), name="audit_log")]


@hooks.register("register_admin_menu_item")
def register_audit_menu_item():
    return AdministratorMenuItem(
        "Audit log", reverse("audit_log"), name="audit-log", icon_name="history", order=9000
    )
