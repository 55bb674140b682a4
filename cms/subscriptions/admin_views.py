"""Staff summary of the e-bulletin list: how many people in each status and segment."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import selectors

VIEW_PERMISSION = "subscriptions.view_subscriber"


def may_see_subscribers(user) -> bool:
    """Editors (who send the bulletin) and coordinators, through the view permission."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(VIEW_PERMISSION))


class SubscriberSummaryView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "subscriptions/admin/summary.html"
    page_title = "Bulletin subscribers"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_see_subscribers(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["by_status"] = selectors.counts_by_status()
        context["by_segment"] = selectors.counts_by_segment()
        return context
