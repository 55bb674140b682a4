"""Claims in the Wagtail admin: the finance queue, and the rates finance staff keep."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .access import ClaimStatesMenuItem
from .models import ExpenseCap, MileageRate, PaymentRate


@hooks.register("register_admin_urls")
def register_claims_admin_urls():
    return [
        path(
            "claims/",
            include((admin_views.urlpatterns, "claims_admin"), namespace="claims_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_claims_menu_item():
    return ClaimStatesMenuItem(
        "Claims", reverse("claims_admin:index"), name="claims", icon_name="doc-full", order=640
    )


class PaymentRateViewSet(SnippetViewSet):
    model = PaymentRate
    icon = "doc-full"
    menu_label = "Involvement payment rates"
    list_display = ["__str__", "level_of_involvement", "role", "unit", "amount", "applies_from"]
    list_filter = ["level_of_involvement", "unit"]
    ordering = ["-applies_from"]


class MileageRateViewSet(SnippetViewSet):
    model = MileageRate
    icon = "doc-full"
    menu_label = "Mileage rates"
    list_display = ["__str__", "amount_per_mile", "applies_from"]


class ExpenseCapViewSet(SnippetViewSet):
    model = ExpenseCap
    icon = "doc-full"
    menu_label = "Expense limits"
    list_display = ["__str__", "expense_type", "max_amount", "applies_from"]
    list_filter = ["expense_type"]


class RatesViewSetGroup(SnippetViewSetGroup):
    # Shown only to people with permission on these models: finance staff and administrators.
    items = (PaymentRateViewSet, MileageRateViewSet, ExpenseCapViewSet)
    menu_label = "Payment rates"
    menu_icon = "doc-full"
    menu_order = 641


register_snippet(RatesViewSetGroup)
