"""Staff summary of the e-bulletin list: how many people in each status and segment."""

from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.users.access import AllowedUsersMixin

from . import selectors

VIEW_PERMISSION = "subscriptions.view_subscriber"


def may_see_subscribers(user) -> bool:
    """Editors (who send the bulletin) and coordinators, through the view permission."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(VIEW_PERMISSION))


class SubscriberSummaryView(AllowedUsersMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "subscriptions/admin/summary.html"
    page_title = "Bulletin subscribers"
    header_icon = "mail"

    def allows(self, user) -> bool:
        return may_see_subscribers(user)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["by_status"] = selectors.counts_by_status()
        context["by_segment"] = selectors.counts_by_segment()
        return context
