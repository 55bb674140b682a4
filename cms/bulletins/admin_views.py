"""Sending an issue, in the Wagtail admin, for editors: check who it reaches, send a test to
yourself, send it, and watch it go.

Only people who may publish the issue (editors) and administrators get in: every view refuses
anyone who may send no issue at all before it looks anything up, then finds the issue or the
send inside ``issues_user_can_send`` / ``BulletinSend.objects.for_user``, so a changed id gives
a 404. Sending goes through ``sending.start_send``.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.taxonomy.models import ServiceArea

from . import sending
from .models import BulletinDelivery, BulletinSend, issues_user_can_send

FAILURES_SHOWN = 200


class SendForm(forms.Form):
    service_areas = forms.ModelMultipleChoiceField(
        queryset=ServiceArea.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Who should get this issue?",
        help_text=(
            "Choose service areas. Subscribers who want news about any of them get it, and so "
            "do subscribers who asked for everything. Choose none to send it to every "
            "subscriber."
        ),
    )
    checked_count = forms.IntegerField(required=False, widget=forms.HiddenInput)


class BulletinSenderView(WagtailAdminTemplateMixin, View):
    """Refuses anyone who may send no issue, before any lookup."""

    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not issues_user_can_send(request.user).exists():
            raise PermissionDenied
        self.setup_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def setup_objects(self, **kwargs):
        pass

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("bulletins_admin:index"), "label": "Bulletin sends"},
            {"url": "", "label": self.get_page_title()},
        ]


class SendListView(BulletinSenderView):
    """The issues an editor can send, and the sends so far."""

    template_name = "bulletins/admin/send_list.html"
    page_title = "Bulletin sends"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request):
        issues = (
            issues_user_can_send(request.user)
            .live()
            .defer_streamfields()
            .order_by("-issue_date", "-pk")[:20]
        )
        sends = (
            BulletinSend.objects.for_user(request.user)
            .select_related("page", "requested_by")
            .with_counts()
            .order_by("-requested_at", "-pk")[:50]
        )
        return self.render_to_response(self.get_context_data(issues=issues, sends=sends))


class SendIssueView(BulletinSenderView):
    """Preview, test, choose who gets it, check the number, then send."""

    template_name = "bulletins/admin/send_issue.html"

    def setup_objects(self, *, page_id, **kwargs):
        self.issue = get_object_or_404(issues_user_can_send(self.request.user), pk=page_id)

    def get_page_title(self):
        return f"Send '{self.issue.title}'"

    @cached_property
    def url(self):
        return reverse("bulletins_admin:send_issue", args=[self.issue.pk])

    def render_form(self, form, *, reach=None):
        return self.render_to_response(
            self.get_context_data(
                issue=self.issue,
                form=form,
                reach=reach,
                problem=sending.send_problem(self.issue),
                action_url=self.url,
                earlier_sends=self.issue.sends.select_related("requested_by").order_by(
                    "-requested_at"
                ),
            )
        )

    def get(self, request, page_id):
        return self.render_form(SendForm())

    def post(self, request, page_id):
        action = request.POST.get("action")
        if action == "test":
            return self.send_test(request)
        form = SendForm(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        areas = form.cleaned_data["service_areas"]
        reach = sending.count_reach(self.issue, service_areas=areas)
        if action != "send":
            return self.render_form(
                SendForm(initial={**form.cleaned_data, "checked_count": reach.new}), reach=reach
            )
        if form.cleaned_data["checked_count"] != reach.new:
            messages.warning(
                request,
                f"The number of people has changed to {reach.new}. Check it, then send again.",
            )
            return self.render_form(
                SendForm(initial={**form.cleaned_data, "checked_count": reach.new}), reach=reach
            )
        try:
            send = sending.start_send(self.issue, service_areas=areas, requested_by=request.user)
        except sending.SendError as error:
            messages.error(request, str(error))
            return redirect(self.url)
        messages.success(request, f"'{self.issue.title}' is on its way to {reach.new} people.")
        return redirect("bulletins_admin:progress", send.pk)

    def send_test(self, request):
        if not request.user.email:
            messages.error(request, "Your account has no email address to send a test to.")
        else:
            sending.send_test_email(self.issue, to_email=request.user.email)
            messages.success(request, f"A test copy is on its way to {request.user.email}.")
        return redirect(self.url)


class SendMixin:
    def setup_objects(self, *, send_id, **kwargs):
        self.send = get_object_or_404(
            BulletinSend.objects.for_user(self.request.user).select_related("page", "requested_by"),
            pk=send_id,
        )


class ProgressView(SendMixin, BulletinSenderView):
    """How far a send has got, refreshing itself, with every failure listed."""

    template_name = "bulletins/admin/progress.html"

    def get_page_title(self):
        return f"Sending '{self.send.page.title}'"

    def get(self, request, send_id):
        failures = (
            self.send.deliveries.filter(status=BulletinDelivery.Status.FAILED)
            .select_related("subscriber")
            .order_by("pk")
        )
        return self.render_to_response(
            self.get_context_data(
                send=self.send,
                counts=sending.send_counts(self.send),
                areas=list(self.send.service_areas.order_by("name")),
                failures=failures[:FAILURES_SHOWN],
                status_url=reverse("bulletins_admin:progress_json", args=[self.send.pk]),
                refresh_url=reverse("bulletins_admin:progress", args=[self.send.pk]),
            )
        )


class ProgressJsonView(SendMixin, BulletinSenderView):
    """The counts the progress page polls for."""

    def get(self, request, send_id):
        counts = sending.send_counts(self.send)
        return JsonResponse(
            {
                "status": self.send.status,
                "status_label": self.send.get_status_display(),
                "finished": self.send.status == BulletinSend.Status.FINISHED,
                **counts,
            }
        )


urlpatterns = [
    path("", SendListView.as_view(), name="index"),
    path("issue/<int:page_id>/", SendIssueView.as_view(), name="send_issue"),
    path("sends/<int:send_id>/", ProgressView.as_view(), name="progress"),
    path("sends/<int:send_id>/status.json", ProgressJsonView.as_view(), name="progress_json"),
]
