"""Pauses and wellbeing in the Wagtail admin, for coordinators: who is paused and when
they come back, and who has asked for a call.

Both views refuse anyone who is not a coordinator (``CoordinatorRequiredMixin``) before
looking anything up; a check-in's id is looked up inside
``WellbeingCheckIn.objects.for_user``. Why someone paused is never shown: it is theirs.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.users.access import CoordinatorRequiredMixin

from . import selectors, services
from .models import WellbeingCheckIn


class PausedMembersView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "wellbeing/admin/index.html"
    page_title = "Pauses and wellbeing"
    header_icon = "time"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            today=today,
            pauses=list(selectors.coordinator_pauses(self.request.user, on=today)),
            calls=list(selectors.check_ins_waiting_for_a_call(self.request.user)),
        )
        return context


class RecordCallView(CoordinatorRequiredMixin, View):
    """POST: record that a coordinator has called someone who asked for a call."""

    http_method_names = ["post"]

    def post(self, request, pk):
        check = get_object_or_404(WellbeingCheckIn.objects.for_user(request.user), pk=pk)
        services.record_call(check, by=request.user)
        messages.success(request, f"Recorded your call to {check.member}.")
        return redirect("wellbeing_admin:index")
