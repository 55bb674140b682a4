from django.urls import include, path, reverse
from wagtail import hooks

from cms.users.access import CoordinatorMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_badge_admin_urls():
    urls = [
        path("", admin_views.BadgeIndexView.as_view(), name="index"),
        path("<int:pk>/revoke/", admin_views.RevokeBadgeView.as_view(), name="revoke"),
    ]
    return [path("badges/", include((urls, "badges_admin"), namespace="badges_admin"))]


@hooks.register("register_admin_menu_item")
def register_badge_menu_item():
    return CoordinatorMenuItem("Badges", reverse("badges_admin:index"), icon_name="user", order=620)
