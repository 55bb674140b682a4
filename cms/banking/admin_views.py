"""Finance staff's bank details pages in the Wagtail admin: a masked list, the audited
reveal, and the log of every reveal.

Only finance staff with the reveal permission (and administrators) get in; coordinators,
editors and members are refused before any record is looked up, whatever the address.
"""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.claims.access import refuse_unless

from . import selectors
from .forms import RevealForm
from .models import BankDetails
from .services import can_reveal, reveal_bank_details


@method_decorator(never_cache, name="dispatch")
class FinanceView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if refusal := refuse_unless(request, can_reveal(request.user)):
            return refusal
        self.setup_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def setup_objects(self, **kwargs):
        pass

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if not isinstance(self, BankDetailsIndexView):
            items.append({"url": reverse("banking_admin:index"), "label": "Bank details"})
        return [*items, {"url": "", "label": self.page_title}]


class BankDetailsIndexView(FinanceView):
    template_name = "banking/admin/index.html"
    page_title = "Bank details"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        details = selectors.finance_bank_details_list(self.request.user, query=query)
        context["query"] = query
        context["page_obj"] = Paginator(details, 50).get_page(self.request.GET.get("p"))
        return context


class RevealBankDetailsView(FinanceView):
    template_name = "banking/admin/reveal.html"
    page_title = "Show full bank details"

    def setup_objects(self, **kwargs):
        self.bank_details = get_object_or_404(
            BankDetails.objects.for_user(self.request.user).select_related("member__user"),
            pk=kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bank_details"] = self.bank_details
        context.setdefault("form", RevealForm())
        context["history"] = selectors.access_log(member=self.bank_details.member)[:20]
        return context

    def post(self, request, *args, **kwargs):
        form = RevealForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        full = reveal_bank_details(
            bank_details=self.bank_details,
            by=request.user,
            purpose=form.cleaned_data["purpose"],
            reason=form.cleaned_data["reason"],
        )
        return self.render_to_response(self.get_context_data(form=form, full=full))


class AccessLogView(FinanceView):
    template_name = "banking/admin/access_log.html"
    page_title = "Who has seen full bank details"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(selectors.access_log(), 50).get_page(
            self.request.GET.get("p")
        )
        return context
