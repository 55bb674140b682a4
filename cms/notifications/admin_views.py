"""Notifications in the Wagtail admin, for coordinators and administrators.

- Messages to send by hand: text messages, letters and calls waiting, with a
  "mark as sent" action (``services.mark_sent_by_hand``) and, for each letter, a
  printable PDF with the person's postal address (``letters``).
- The notifications log: who was told what, when, how, and what failed.
- Message members: a message to a group of active members by service area and role.
- Sent mail (development): the emails the development backend kept.

Every view checks ``is_coordinator`` before it looks anything up, and looks records up
inside a ``for_staff`` queryset, so editors, finance staff and members are refused
whatever id is in the URL.
"""

import uuid

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core.models import OrganisationSettings
from cms.core.uploads import harden_file_response
from cms.members.models import InvolvementRole
from cms.taxonomy.models import ServiceArea
from cms.users.access import CoordinatorRequiredMixin

from . import letters, selectors, services
from .mail_backends import BACKEND_PATH
from .models import (
    PRIVATE_KEY_PREFIX,
    Channel,
    Delivery,
    Notification,
    SentEmail,
    TeamMessage,
    Topic,
)

PER_PAGE = 50


def recording_mail_in_use() -> bool:
    """The sent-mail pages exist only while the development backend keeps copies."""
    return settings.EMAIL_BACKEND == BACKEND_PATH


class StaffView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "mail"
    parent_label = ""
    parent_url_name = ""

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        if self.parent_url_name:
            items.append({"url": reverse(self.parent_url_name), "label": self.parent_label})
        return items + [{"url": "", "label": self.get_page_title()}]


# --- Messages to send by hand -------------------------------------------------------------


class ByHandListView(StaffView):
    template_name = "notifications/admin/by_hand.html"
    page_title = "Messages to send by hand"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        deliveries = selectors.deliveries_to_send_by_hand().filter(
            pk__in=Delivery.objects.for_staff(self.request.user).values("pk")
        )
        page_obj = Paginator(deliveries, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            page_obj=page_obj, deliveries=page_obj.object_list, site_url=settings.SITE_URL
        )
        return context


class MarkSentView(CoordinatorRequiredMixin, View):
    """POST only: the coordinator has sent this text, letter or call themselves."""

    http_method_names = ["post"]

    def post(self, request, pk):
        delivery = get_object_or_404(
            Delivery.objects.for_staff(request.user).filter(channel__in=services.BY_HAND),
            pk=pk,
        )
        services.mark_sent_by_hand(delivery, by=request.user)
        messages.success(
            request,
            f"{delivery.get_channel_display()} to {delivery.notification.recipient} "
            "is marked as sent.",
        )
        return redirect("notifications_admin:by_hand")


class LetterView(CoordinatorRequiredMixin, View):
    """The printable letter (a PDF) for one postal message waiting to be sent by hand."""

    http_method_names = ["get"]

    def get(self, request, pk):
        delivery = get_object_or_404(
            Delivery.objects.for_staff(request.user)
            .filter(channel=Channel.POST)
            .exclude(notification__key__startswith=PRIVATE_KEY_PREFIX)
            .select_related("notification__recipient"),
            pk=pk,
        )
        pdf = letters.render_letter_pdf(
            delivery, organisation=OrganisationSettings.for_request(request)
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{letters.letter_filename(delivery)}"'
        return harden_file_response(response)


# --- The notifications log ----------------------------------------------------------------


class LogFilterForm(forms.Form):
    q = forms.CharField(
        label="Person or subject",
        required=False,
        help_text="Part of a name, an email address or a subject.",
    )
    topic = forms.ChoiceField(
        label="Topic", required=False, choices=[("", "Any topic"), *Topic.choices]
    )
    channel = forms.ChoiceField(
        label="Sent by", required=False, choices=[("", "Any way"), *Channel.choices]
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *Delivery.Status.choices],
    )


class LogView(StaffView):
    template_name = "notifications/admin/log.html"
    page_title = "Notifications log"
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = LogFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        notifications = selectors.notifications_log(
            topic=filters.get("topic", ""),
            channel=filters.get("channel", ""),
            status=filters.get("status", ""),
            search=filters.get("q", "").strip(),
        ).filter(pk__in=Notification.objects.for_staff(self.request.user).values("pk"))
        page_obj = Paginator(notifications, PER_PAGE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            form=form,
            page_obj=page_obj,
            notifications=page_obj.object_list,
            query=query.urlencode(),
        )
        return context


# --- Message members by service area and role ----------------------------------------------


class TeamMessageForm(forms.Form):
    service_areas = forms.ModelMultipleChoiceField(
        label="Service areas",
        queryset=ServiceArea.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Members whose expertise includes any of these areas.",
    )
    roles = forms.ModelMultipleChoiceField(
        label="Involvement roles",
        queryset=InvolvementRole.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Members who hold any of these roles.",
    )
    match_all = forms.BooleanField(
        label="Only people in both a chosen area and a chosen role",
        required=False,
        help_text="Leave unticked to reach anyone in a chosen area or with a chosen role.",
    )
    subject = forms.CharField(
        label="Subject", max_length=150, help_text="A short line that says what it is about."
    )
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=(
            "Write plainly. Each person gets it the ways they chose: email, or a text, "
            "letter or call you send from 'Messages to send by hand'."
        ),
    )
    form_token = forms.UUIDField(widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("service_areas") and not cleaned.get("roles"):
            raise forms.ValidationError("Choose at least one service area or role.")
        return cleaned


class TeamMessageListView(StaffView):
    template_name = "notifications/admin/team_messages.html"
    page_title = "Message members"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sent = (
            TeamMessage.objects.for_user(self.request.user)
            .select_related("sent_by")
            .prefetch_related("service_areas", "roles")
        )
        page_obj = Paginator(sent, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(page_obj=page_obj, team_messages=page_obj.object_list)
        return context


class TeamMessageComposeView(StaffView):
    template_name = "notifications/admin/team_message_form.html"
    page_title = "New message to members"
    parent_label = "Message members"
    parent_url_name = "notifications_admin:team_messages"

    def get(self, request, *args, **kwargs):
        form = TeamMessageForm(initial={"form_token": uuid.uuid4()})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = TeamMessageForm(request.POST)
        if not form.is_valid():
            messages.error(request, "The message was not sent: check the answers below.")
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 400
            return response
        data = form.cleaned_data
        if request.POST.get("action") != "send":
            reach = selectors.members_in_segment(
                service_areas=data["service_areas"],
                roles=data["roles"],
                match_all=data["match_all"],
            ).count()
            return self.render_to_response(self.get_context_data(form=form, reach=reach))
        message = services.send_team_message(
            form_token=data["form_token"],
            subject=data["subject"],
            body=data["body"],
            service_areas=data["service_areas"],
            roles=data["roles"],
            match_all=data["match_all"],
            by=request.user,
        )
        people = "person" if message.recipient_count == 1 else "people"
        messages.success(
            request, f"'{message.subject}' is going to {message.recipient_count} {people}."
        )
        return redirect("notifications_admin:team_messages")


# --- Sent mail in development -------------------------------------------------------------


class SentMailMixin:
    def dispatch(self, request, *args, **kwargs):
        if refusal := self.refuse_unless_coordinator(request):
            return refusal
        if not recording_mail_in_use():
            raise Http404("Sent mail is only kept in development.")
        return super().dispatch(request, *args, **kwargs)


class SentMailListView(SentMailMixin, StaffView):
    template_name = "notifications/admin/sent_mail.html"
    page_title = "Sent mail (development)"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        emails = SentEmail.objects.for_staff(self.request.user).defer("text_body", "html_body")
        page_obj = Paginator(emails, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(page_obj=page_obj, emails=page_obj.object_list)
        return context


class SentMailDetailView(SentMailMixin, StaffView):
    template_name = "notifications/admin/sent_mail_detail.html"
    page_title = "Sent email"
    parent_label = "Sent mail (development)"
    parent_url_name = "notifications_admin:sent_mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["email"] = get_object_or_404(
            SentEmail.objects.for_staff(self.request.user), pk=self.kwargs["pk"]
        )
        return context


urlpatterns = [
    path("by-hand/", ByHandListView.as_view(), name="by_hand"),
    path("by-hand/<int:pk>/sent/", MarkSentView.as_view(), name="mark_sent"),
    path("by-hand/<int:pk>/letter/", LetterView.as_view(), name="letter"),
    path("log/", LogView.as_view(), name="log"),
    path("to-members/", TeamMessageListView.as_view(), name="team_messages"),
    path("to-members/new/", TeamMessageComposeView.as_view(), name="team_message_new"),
    path("sent-mail/", SentMailListView.as_view(), name="sent_mail"),
    path("sent-mail/<int:pk>/", SentMailDetailView.as_view(), name="sent_mail_detail"),
]
