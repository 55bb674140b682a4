"""The bulletin's admin: a "Send this issue" button on each issue and a "Bulletin sends" menu
entry, both shown only to people who may send (editors and administrators)."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from . import admin_views
from .models import BulletinPage, issues_user_can_send


class SenderMenuItem(MenuItem):
    def is_shown(self, request):
        return issues_user_can_send(request.user).exists()


def _send_button(page, user, priority):
    if not issubclass(page.specific_class or type(page), BulletinPage) or not page.live:
        return []
    if not page.permissions_for_user(user).can_publish():
        return []
    return [
        Button(
            "Send this issue",
            reverse("bulletins_admin:send_issue", args=[page.pk]),
            icon_name="mail",
            priority=priority,
        )
    ]


@hooks.register("register_admin_urls")
def register_bulletin_send_urls():
    return [
        path(
            "bulletins/",
            include((admin_views.urlpatterns, "bulletins_admin"), namespace="bulletins_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_bulletin_sends_menu_item():
    return SenderMenuItem(
        "Bulletin sends",
        reverse("bulletins_admin:index"),
        name="bulletin-sends",
        icon_name="mail",
        order=260,
    )


@hooks.register("register_page_header_buttons")
def send_issue_header_button(page, user, view_name=None, next_url=None):
    return _send_button(page, user, priority=25)


@hooks.register("register_page_listing_more_buttons")
def send_issue_listing_button(page, user, next_url=None):
    return _send_button(page, user, priority=35)
