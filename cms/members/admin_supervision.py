"""The coordinators' list of supervision reviews: who is due, who is overdue.

Reviews themselves are recorded on each member's record (``admin_views.MemberDetailView``).
"""

from django import forms
from django.core.paginator import Paginator
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.users.access import CoordinatorRequiredMixin

from .supervision import reviews_due


class ReviewFilterForm(forms.Form):
    show = forms.ChoiceField(
        label="Show",
        choices=[
            ("all", "Everyone active"),
            ("overdue", "Overdue only"),
            ("month", "Due in the next 30 days or overdue"),
        ],
        required=False,
    )
    mine = forms.BooleanField(label="Only people I supervise", required=False)


class SupervisionDueView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "members/admin/supervision_due.html"
    page_title = "Supervision reviews"
    header_icon = "calendar-check"
    rows_per_page = 50

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ReviewFilterForm(self.request.GET or None)
        show, mine = "all", False
        if form.is_valid():
            show = form.cleaned_data["show"] or "all"
            mine = form.cleaned_data["mine"]
        rows = reviews_due(supervisor=self.request.user if mine else None)
        if show == "overdue":
            rows = [row for row in rows if row.is_overdue]
        elif show == "month":
            rows = [row for row in rows if row.days_until_due <= 30]
        page = Paginator(rows, self.rows_per_page).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            filter_form=form,
            page_obj=page,
            rows=page.object_list,
            overdue_count=sum(row.is_overdue for row in rows),
            total=len(rows),
            query_string=query.urlencode(),
            record_url_name="involvement-bank:detail",
            index_url=reverse("supervision_due"),
        )
        return context
