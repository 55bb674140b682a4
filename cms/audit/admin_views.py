"""The audit log in the Wagtail admin: search only, for administrators (superusers).

There is no add, edit or delete view: the log cannot be changed from the product.
"""

from django.core.paginator import Paginator
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.users.access import AllowedUsersMixin

from . import selectors
from .forms import AuditSearchForm

PER_PAGE = 50


def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_administrator(request.user)


class AuditLogView(AllowedUsersMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "audit/admin/log.html"
    page_title = "Audit log"
    header_icon = "history"

    def allows(self, user) -> bool:
        return is_administrator(user)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AuditSearchForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        events = selectors.search_events(
            person=filters.get("person", ""),
            actor=filters.get("actor", ""),
            action=filters.get("action", ""),
            subject_type=filters.get("subject_type", ""),
            date_from=filters.get("date_from"),
            date_to=filters.get("date_to"),
        )
        page_obj = Paginator(events, PER_PAGE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            form=form, page_obj=page_obj, events=page_obj.object_list, query=query.urlencode()
        )
        return context
