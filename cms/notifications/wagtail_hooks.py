"""The notifications admin: a "Messages" menu for coordinators and administrators."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from cms.users.access import CoordinatorMenuItem

from . import admin_views


class SentMailMenuItem(CoordinatorMenuItem):
    """Only while the development mail backend keeps copies to read."""

    def is_shown(self, request):
        return admin_views.recording_mail_in_use() and super().is_shown(request)


@hooks.register("register_admin_urls")
def register_notifications_admin_urls():
    return [
        path(
            "messages/",
            include(
                (admin_views.urlpatterns, "notifications_admin"), namespace="notifications_admin"
            ),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_messages_menu():
    items = [
        CoordinatorMenuItem(
            "Send by hand",
            reverse("notifications_admin:by_hand"),
            name="messages-by-hand",
            icon_name="mail",
            order=100,
        ),
        CoordinatorMenuItem(
            "Message members",
            reverse("notifications_admin:team_messages"),
            name="messages-to-members",
            icon_name="group",
            order=200,
        ),
        CoordinatorMenuItem(
            "Notifications log",
            reverse("notifications_admin:log"),
            name="messages-log",
            icon_name="list-ul",
            order=300,
        ),
        SentMailMenuItem(
            "Sent mail (development)",
            reverse("notifications_admin:sent_mail"),
            name="messages-sent-mail",
            icon_name="doc-full",
            order=400,
        ),
    ]
    return SubmenuMenuItem(
        "Messages", Menu(items=items), name="messages", icon_name="mail", order=253
    )
