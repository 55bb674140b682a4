"""The e-bulletin list in the Wagtail admin: a searchable list and a summary report.

Editors and coordinators see the list through the ``view_subscriber`` permission
(``cms/users/roles.py``). Nobody, administrators included, adds or edits a subscriber
here: subscribing needs the person's own confirmation, and every change of status goes
through ``services.py`` with its history. Coordinators can delete an entry when someone
asks to be removed completely.
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import SubscriberSummaryView, may_see_subscribers
from .models import Subscriber


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """The usual model permissions, except that nobody may add or change a subscriber."""

    NOT_IN_THE_ADMIN = frozenset({"add", "change"})

    def user_has_permission(self, user, action):
        return action not in self.NOT_IN_THE_ADMIN and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.NOT_IN_THE_ADMIN]
        if not allowed:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(allowed)


# Registered before the viewset below first asks for the model's policy.
register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber))


class SubscriberViewSet(SnippetViewSet):
    """Everyone on the bulletin list, searchable by email address."""

    model = Subscriber
    icon = "mail"
    menu_label = "Bulletin subscribers"
    menu_name = "bulletin-subscribers"
    add_to_admin_menu = True
    menu_order = 270
    inspect_view_enabled = True
    list_display = [
        "email",
        Column("status", label="Status", accessor="get_status_display"),
        Column("email_format", label="Format", accessor="get_email_format_display"),
        DateColumn("created_at", label="Added"),
        DateColumn("confirmed_at", label="Confirmed"),
    ]
    list_filter = ["status", "email_format", "service_areas"]
    search_fields = ["email"]
    search_backend_name = None
    ordering = ["email"]
    inspect_view_fields = [
        "email",
        "status",
        "email_format",
        "service_areas",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]


register_snippet(SubscriberViewSet)


@hooks.register("register_admin_urls")
def register_subscriber_summary_url():
    return [
        path(
            "reports/bulletin-subscribers/",
            SubscriberSummaryView.as_view(),
            name="bulletin_subscribers_summary",
        )
    ]


class SubscriberSummaryMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_subscribers(request.user)


@hooks.register("register_reports_menu_item")
def register_subscriber_summary_menu_item():
    return SubscriberSummaryMenuItem(
        "Bulletin subscribers",
        reverse("bulletin_subscribers_summary"),
        name="bulletin-subscribers-summary",
        icon_name="mail",
        order=1200,
    )
