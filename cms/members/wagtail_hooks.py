from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.users.access import CoordinatorMenuItem

from . import admin_on_behalf
from .admin_supervision import SupervisionDueView
from .admin_views import ApplicationViewSet, BankViewSet
from .models import InvolvementRole


class InvolvementRoleViewSet(SnippetViewSet):
    model = InvolvementRole
    icon = "group"
    menu_label = "Involvement roles"
    list_display = ["name", "is_paid", "needs_dbs_check"]
    search_fields = ["name"]


register_snippet(InvolvementRoleViewSet)


@hooks.register("register_admin_viewset")
def register_applications_viewset():
    return ApplicationViewSet()


@hooks.register("register_admin_viewset")
def register_involvement_bank_viewset():
    return BankViewSet()


@hooks.register("register_admin_urls")
def register_supervision_urls():
    return [path("supervision/", SupervisionDueView.as_view(), name="supervision_due")]


@hooks.register("register_admin_menu_item")
def register_supervision_menu_item():
    return CoordinatorMenuItem(
        "Supervision reviews",
        reverse("supervision_due"),
        name="supervision-reviews",
        icon_name="calendar-check",
        order=253,
    )


@hooks.register("register_admin_urls")
def register_on_behalf_urls():
    return [
        path(
            "people/",
            include((admin_on_behalf.urlpatterns, "on_behalf_admin"), namespace="on_behalf_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_paper_application_menu_item():
    return CoordinatorMenuItem(
        "Register from paper or phone",
        reverse("on_behalf_admin:register"),
        name="register-from-paper",
        icon_name="form",
        order=252,
    )
