"""Taking part in the Wagtail admin, for coordinators: responses, matching, attendance,
access plans and messages to the people selected.

Every view checks ``is_coordinator`` (coordinators and administrators) before it
looks anything up, so editors, finance staff and members are refused whatever id is in
the URL. Moves go through ``services.move_interest``, invitations through
``services.invite`` and attendance through ``services.record_attendance``.
"""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views import View
from django_q.tasks import async_task
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.benefits.guard import coordinator_warning_for_sessions
from cms.benefits.selectors import members_with_earnings_limits
from cms.members.choices import Format
from cms.members.models import MemberProfile
from cms.notifications.models import Channel
from cms.notifications.services import contact_plan_for
from cms.opportunities.models import OpportunityPage, OpportunitySession
from cms.supporters.selectors import supporter_periods
from cms.users.access import is_coordinator
from cms.wellbeing.selectors import paused_in_words, pauses_by_member

from . import services
from .access_plan import access_plan
from .matching import rank_members
from .models import (
    Attendance,
    Interest,
    InterestChange,
    InterestStatus,
    SessionCheckIn,
)

S = InterestStatus
# The moves a coordinator makes from the responses page, with the button labels.
COORDINATOR_MOVES = [
    (S.SHORTLISTED, "Shortlist"),
    (S.SELECTED, "Select"),
    (S.WAITING, "Add to waiting list"),
    (S.NOT_SELECTED, "Decline"),
]
FORMAT_LABELS = dict(Format.choices)


def _posted_id(request, name: str) -> int:
    """The id a form posted under ``name``, or 0 (which finds nothing) if it is not a
    number, so a tampered form gets "not found" rather than a server error."""
    value = request.POST.get(name, "")
    return int(value) if value.isascii() and value.isdigit() else 0


def _labels(values) -> str:
    return ", ".join(str(FORMAT_LABELS.get(value, value)) for value in values or [])


class CoordinatorView(WagtailAdminTemplateMixin, View):
    """Refuses anyone who may not manage members, before any lookup."""

    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        self.setup_objects(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def setup_objects(self, **kwargs):
        pass

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("participation_admin:index"), "label": "Taking part"},
        ]
        opportunity = getattr(self, "opportunity", None)
        if opportunity is not None:
            items.append(
                {
                    "url": reverse("participation_admin:responses", args=[opportunity.pk]),
                    "label": opportunity.title,
                }
            )
        items.append({"url": "", "label": self.get_page_title()})
        return items


class OpportunityMixin:
    def setup_objects(self, *, opportunity_id, **kwargs):
        self.opportunity = get_object_or_404(OpportunityPage.objects.all(), pk=opportunity_id)


class SessionMixin:
    def setup_objects(self, *, session_id, **kwargs):
        self.session = get_object_or_404(
            OpportunitySession.objects.select_related("page"), pk=session_id
        )
        self.opportunity = self.session.page


# --- The list of opportunities -------------------------------------------------------------


class OpportunityListView(CoordinatorView):
    template_name = "participation/admin/opportunity_list.html"
    page_title = "Taking part"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request):
        def counted(status):
            return Count("interests", filter=Q(interests__status=status))

        opportunities = (
            OpportunityPage.objects.all()
            .annotate(
                interested=counted(S.INTERESTED),
                waiting=counted(S.WAITING),
                selected=counted(S.SELECTED),
                confirmed=counted(S.CONFIRMED),
            )
            .order_by("-closing_date", "title")
        )
        return self.render_to_response(self.get_context_data(opportunities=opportunities))


# --- Responses to one opportunity ----------------------------------------------------------


class ResponsesView(OpportunityMixin, CoordinatorView):
    template_name = "participation/admin/responses.html"

    def get_page_title(self):
        return f"Responses: {self.opportunity.title}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("participation_admin:index"), "label": "Taking part"},
            {"url": "", "label": self.opportunity.title},
        ]

    @property
    def url(self):
        return reverse("participation_admin:responses", args=[self.opportunity.pk])

    def get(self, request, opportunity_id):
        interests = (
            Interest.objects.filter(opportunity=self.opportunity)
            .select_related("member__user")
            .prefetch_related(
                "sessions",
                Prefetch(
                    "history",
                    queryset=InterestChange.objects.select_related("changed_by"),
                ),
            )
        )
        interests = list(interests)
        sessions = list(self.opportunity.sessions.all())
        # What each person still needs before they can be confirmed: one query for all.
        missing = services.missing_requirements_for(
            [interest.member for interest in interests], self.opportunity
        )
        # One query to find the few people with an earnings limit; the guard is asked
        # about those only, and tells the coordinator nothing of the limit itself.
        limited = members_with_earnings_limits([interest.member_id for interest in interests])
        # One query for the pauses: a coordinator may still select a paused person (they
        # may have agreed it by phone), but sees that they are paused first.
        pauses = pauses_by_member(interest.member_id for interest in interests)
        rows = []
        for interest in interests:
            allowed = services.TRANSITIONS.get(interest.status, set())
            member = interest.member
            earnings_warning = None
            if member.pk in limited and S.SELECTED in allowed:
                earnings_warning = coordinator_warning_for_sessions(
                    member, list(interest.sessions.all()) or sessions
                )
            rows.append(
                {
                    "interest": interest,
                    "member": member,
                    "formats": _labels(set(interest.formats or []) | set(member.formats or [])),
                    "sessions": [str(s) for s in interest.sessions.all()],
                    "missing": missing[member.pk],
                    "moves": [
                        (value, label) for value, label in COORDINATOR_MOVES if value in allowed
                    ],
                    "history": list(interest.history.all()),
                    "earnings_warning": earnings_warning,
                    "paused": (
                        f"Paused {paused_in_words(pauses[member.pk])}"
                        if member.pk in pauses
                        else ""
                    ),
                }
            )
        return self.render_to_response(
            self.get_context_data(
                opportunity=self.opportunity,
                rows=rows,
                sessions=sessions,
                places_taken=services.places_taken(self.opportunity),
                is_full=services.is_full(self.opportunity),
                action_url=self.url,
                # For "(supporter)" after a name in each history: one query for the page.
                supporter_periods=supporter_periods({interest.member_id for interest in interests}),
            )
        )

    def post(self, request, opportunity_id):
        interest = get_object_or_404(
            Interest.objects.select_related("member__user"),
            pk=_posted_id(request, "interest"),
            opportunity=self.opportunity,
        )
        to_status = request.POST.get("to_status", "")
        if to_status not in dict(COORDINATOR_MOVES):
            messages.error(request, "Choose what to do.")
            return redirect(self.url)
        reason = request.POST.get("reason", "")
        if "\x00" in reason:
            # PostgreSQL cannot store a NUL character; no person types one.
            messages.error(request, "The reason contains a character we cannot save.")
            return redirect(self.url)
        try:
            change = services.move_interest(interest, to_status, by=request.user, reason=reason)
        except services.ParticipationError as error:
            messages.error(request, f"{interest.member}: {error}")
        else:
            messages.success(
                request, f"{interest.member} moved to '{change.get_to_status_display()}'."
            )
        return redirect(self.url)


# --- Matching ----------------------------------------------------------------------------


class MatchingView(OpportunityMixin, CoordinatorView):
    template_name = "participation/admin/matching.html"

    def get_page_title(self):
        return "Members who fit"

    @property
    def url(self):
        return reverse("participation_admin:matching", args=[self.opportunity.pk])

    def get(self, request, opportunity_id):
        members = (
            MemberProfile.objects.for_user(request.user)
            .in_bank()
            .select_related("user")
            .prefetch_related("expertise", "roles")
        )
        matches = rank_members(self.opportunity, members, today=timezone.localdate())
        return self.render_to_response(
            self.get_context_data(
                opportunity=self.opportunity, matches=matches, action_url=self.url
            )
        )

    def post(self, request, opportunity_id):
        member = get_object_or_404(
            MemberProfile.objects.for_user(request.user).in_bank().select_related("user"),
            pk=_posted_id(request, "member"),
        )
        try:
            interest = services.invite(member, self.opportunity, by=request.user)
        except services.ParticipationError as error:
            messages.error(request, str(error))
            return redirect(self.url)
        if interest.status == S.INVITED and interest.invited_by_coordinator:
            messages.success(request, f"{member} is invited. We will tell them.")
        else:
            messages.warning(
                request, f"{member} has already responded: {interest.get_status_display()}."
            )
        return redirect(self.url)


# --- Attendance and the check-in code --------------------------------------------------------


class AttendanceView(SessionMixin, CoordinatorView):
    template_name = "participation/admin/attendance.html"

    def get_page_title(self):
        return f"Attendance: {self.session}"

    @property
    def url(self):
        return reverse("participation_admin:attendance", args=[self.session.pk])

    def interests(self):
        return (
            Interest.objects.taking_part()
            .filter(opportunity=self.opportunity)
            .select_related("member__user")
            .prefetch_related("sessions")
        )

    def get(self, request, session_id):
        check_in, _ = SessionCheckIn.objects.get_or_create(session=self.session)
        recorded = {a.interest_id: a for a in Attendance.objects.filter(session=self.session)}
        rows = []
        for interest in self.interests():
            chosen = list(interest.sessions.all())
            attendance = recorded.get(interest.pk)
            rows.append(
                {
                    "interest": interest,
                    "member": interest.member,
                    "said_they_would_come": not chosen or self.session in chosen,
                    "attendance": attendance,
                    "value": "" if attendance is None else ("yes" if attendance.attended else "no"),
                }
            )
        return self.render_to_response(
            self.get_context_data(
                session=self.session,
                opportunity=self.opportunity,
                rows=rows,
                check_in=check_in,
                action_url=self.url,
            )
        )

    def post(self, request, session_id):
        saved = 0
        for interest in self.interests():
            value = request.POST.get(f"attended-{interest.pk}")
            if value not in {"yes", "no"}:
                continue
            try:
                services.record_attendance(
                    interest,
                    self.session,
                    attended=value == "yes",
                    by=request.user,
                    method=Attendance.Method.COORDINATOR,
                )
            except services.ParticipationError as error:
                messages.error(request, f"{interest.member}: {error}")
            else:
                saved += 1
        if saved:
            messages.success(request, f"Attendance saved for {saved} {_people(saved)}.")
        else:
            messages.warning(request, "Nothing was recorded: choose attended or did not attend.")
        return redirect(self.url)


def _people(count: int) -> str:
    return "person" if count == 1 else "people"


class CheckInCodeView(SessionMixin, CoordinatorView):
    """The session's check-in code, large, on a page made to print and put by the door."""

    template_name = "participation/admin/check_in_code.html"

    def get_page_title(self):
        return f"Check-in code: {self.session}"

    def get(self, request, session_id):
        check_in, _ = SessionCheckIn.objects.get_or_create(session=self.session)
        return TemplateResponse(
            request,
            self.template_name,
            {"session": self.session, "opportunity": self.opportunity, "check_in": check_in},
        )


class AccessPlanView(SessionMixin, CoordinatorView):
    """Counts only, no names: a page to print and give to the venue."""

    template_name = "participation/admin/access_plan.html"

    def get(self, request, session_id):
        return TemplateResponse(
            request,
            self.template_name,
            {
                "session": self.session,
                "opportunity": self.opportunity,
                "plan": access_plan(self.session),
                "back_url": reverse("participation_admin:responses", args=[self.opportunity.pk]),
            },
        )


# --- Message everyone selected ----------------------------------------------------------------


class MessageForm(forms.Form):
    subject = forms.CharField(label="Subject", max_length=150)
    message = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=(
            "Write plainly. It goes to everyone selected or confirmed, the ways each person "
            "chose: email, or a text, letter or call you send from 'Messages to send by hand'."
        ),
    )
    message_id = forms.UUIDField(widget=forms.HiddenInput)


class MessageSelectedView(OpportunityMixin, CoordinatorView):
    template_name = "participation/admin/message.html"

    def get_page_title(self):
        return "Message everyone selected"

    @property
    def url(self):
        return reverse("participation_admin:message", args=[self.opportunity.pk])

    def recipients(self):
        return list(
            Interest.objects.taking_part()
            .filter(opportunity=self.opportunity)
            .select_related("member__user")
        )

    def render_form(self, form, status=200):
        recipients = self.recipients()
        return self.render_to_response(
            self.get_context_data(
                opportunity=self.opportunity,
                form=form,
                recipients=recipients,
                without_email=[
                    i.member
                    for i in recipients
                    if not i.member.user.email
                    and Channel.EMAIL in contact_plan_for(i.member.user).channels
                ],
                action_url=self.url,
            ),
            status=status,
        )

    def get(self, request, opportunity_id):
        return self.render_form(MessageForm(initial={"message_id": uuid.uuid4()}))

    def post(self, request, opportunity_id):
        form = MessageForm(request.POST)
        if not form.is_valid():
            messages.error(request, "The message was not sent: check the answers below.")
            return self.render_form(form, status=400)
        message_id = str(form.cleaned_data["message_id"])
        subject = form.cleaned_data["subject"]
        body = form.cleaned_data["message"]
        queued = 0
        for interest in self.recipients():
            user = interest.member.user
            queued += 1
            transaction.on_commit(
                lambda user_id=user.pk: async_task(
                    "cms.participation.tasks.send_message_to_member",
                    message_id,
                    user_id,
                    subject,
                    body,
                    task_name=f"message-{message_id}-{user_id}",
                )
            )
        if queued:
            messages.success(request, f"Your message is going to {queued} {_people(queued)}.")
        else:
            messages.warning(request, "Nobody is selected or confirmed yet: nobody was sent it.")
        return redirect(reverse("participation_admin:responses", args=[self.opportunity.pk]))


# --- URLs ------------------------------------------------------------------------------------

urlpatterns = [
    path("", OpportunityListView.as_view(), name="index"),
    path("<int:opportunity_id>/", ResponsesView.as_view(), name="responses"),
    path("<int:opportunity_id>/matching/", MatchingView.as_view(), name="matching"),
    path("<int:opportunity_id>/message/", MessageSelectedView.as_view(), name="message"),
    path("sessions/<int:session_id>/attendance/", AttendanceView.as_view(), name="attendance"),
    path(
        "sessions/<int:session_id>/check-in-code/",
        CheckInCodeView.as_view(),
        name="check_in_code",
    ),
    path("sessions/<int:session_id>/access-plan/", AccessPlanView.as_view(), name="access_plan"),
]
