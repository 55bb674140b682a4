"""Coordinators' list of deletion requests and the confirm action, in the Wagtail admin."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.users.access import CoordinatorRequiredMixin

from .models import DeletionRequest
from .services import DeletionNotAllowed, confirm_deletion


class DeletionRequestIndexView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "privacy/admin/index.html"
    page_title = "Account deletion requests"
    header_icon = "bin"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["pending"] = DeletionRequest.objects.pending().select_related("user")
        context["completed"] = (
            DeletionRequest.objects.filter(completed_at__isnull=False)
            .select_related("confirmed_by")
            .order_by("-completed_at")[:20]
        )
        return context


class ConfirmDeletionView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "privacy/admin/confirm.html"
    page_title = "Confirm account deletion"
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        if refusal := self.refuse_unless_coordinator(request):
            return refusal
        self.deletion_request = get_object_or_404(
            DeletionRequest.objects.pending().select_related("user"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("privacy_admin:index"), "label": "Account deletion requests"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deletion_request"] = self.deletion_request
        context["person"] = self.deletion_request.user
        return context

    def post(self, request, *args, **kwargs):
        try:
            confirm_deletion(deletion_request=self.deletion_request, by=request.user)
        except DeletionNotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The account has been deleted and the person's data removed.")
        return redirect("privacy_admin:index")
