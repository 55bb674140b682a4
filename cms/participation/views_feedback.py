"""Feedback on a session, both ways: the member's form and page, and the coordinators' list.

Members reach only their own attended sessions (looked up through ``request.user``).
Coordinators never see who gave anonymous feedback: the admin templates get a
``sender`` value that is "Anonymous" and no link to the person.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import TemplateView
from django_q.tasks import async_task
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.audit.services import Action, SubjectType, record
from cms.core.forms import NHSUKForm
from cms.members.access import ENDED_ATTRIBUTE, acting_for, refuse_supporter
from cms.supporters.models import Permission
from cms.users.access import CoordinatorRequiredMixin

from .models import Attendance, Feedback

Answer = Feedback.Answer
QUESTIONS = [
    ("felt_valued", "Did you feel valued?"),
    ("papers_in_time", "Did you get the papers in time to read them?"),
    ("adjustments_met", "Did you get the support you asked for?"),
    ("knows_what_happens_next", "Do you know what happens next?"),
]


class FeedbackForm(NHSUKForm):
    felt_valued = forms.ChoiceField(
        label=QUESTIONS[0][1],
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say if you felt valued"},
    )
    papers_in_time = forms.ChoiceField(
        label=QUESTIONS[1][1],
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say if you got the papers in time"},
    )
    adjustments_met = forms.ChoiceField(
        label=QUESTIONS[2][1],
        help_text="For example a ramp, a hearing loop, large print or a break.",
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say if you got the support you asked for"},
    )
    knows_what_happens_next = forms.ChoiceField(
        label=QUESTIONS[3][1],
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say if you know what happens next"},
    )
    comments = forms.CharField(
        label="Is there anything else you want to tell us?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    anonymous = forms.BooleanField(
        label="Send this without my name",
        required=False,
        help_text=(
            "Coordinators will not see who sent it. You can still read our reply here, "
            "but we cannot contact you about what you said."
        ),
    )


def record_feedback(*, attendance: Attendance, data: dict) -> Feedback:
    """Save a member's feedback. One per attendance: a second try raises IntegrityError."""
    fields = {name: data[name] for name, _ in QUESTIONS}
    return Feedback.objects.create(
        attendance=attendance,
        comments=data.get("comments", "").strip(),
        anonymous=bool(data.get("anonymous")),
        **fields,
    )


@transaction.atomic
def reply_to_feedback(*, feedback: Feedback, reply: str, by) -> Feedback:
    """Record a coordinator's reply and tell the person once (by email, after commit)."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    feedback.reply = reply.strip()
    feedback.replied_by = by
    feedback.replied_at = timezone.now()
    feedback.save(update_fields=["reply", "replied_by", "replied_at"])
    transaction.on_commit(
        lambda: async_task(
            "cms.participation.reminder_tasks.notify_feedback_reply",
            feedback.pk,
            task_name=f"feedback-reply-{feedback.pk}",
        )
    )
    return feedback


def answers(feedback: Feedback) -> list[tuple[str, str]]:
    """Each question with the person's answer in words."""
    return [(question, Answer(getattr(feedback, name)).label) for name, question in QUESTIONS]


# --- Member pages ------------------------------------------------------------------------


def supporters_who_may_fill_in_forms(view):
    """A supporter acting for a member may use these pages only if the member agreed they
    may fill in forms; one whose arrangement has just ended is told so."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        arrangement = acting_for(request)
        if arrangement is not None and not arrangement.allows(Permission.FILL_IN_FORMS):
            return refuse_supporter(request, arrangement)
        if arrangement is None and getattr(request, ENDED_ATTRIBUTE, False):
            return refuse_supporter(request)
        return view(request, *args, **kwargs)

    # Read by ``cms.supporters.middleware`` (deny by default while acting for someone).
    wrapper.supporters_may = Permission.FILL_IN_FORMS
    return wrapper


def _own_attendance(request, pk: int) -> Attendance:
    """The person's own attendance; for a supporter acting for a member who agreed they
    may fill in forms, the member's (checked against the arrangement on every request)."""
    arrangement = acting_for(request)
    if arrangement is not None and arrangement.allows(Permission.FILL_IN_FORMS):
        whose = Q(interest__member=arrangement.member)
    else:
        whose = Q(interest__member__user=request.user)
    return get_object_or_404(
        Attendance.objects.filter(whose, attended=True).select_related("session__page"),
        pk=pk,
    )


@never_cache
@login_required
@supporters_who_may_fill_in_forms
@require_http_methods(["GET", "POST"])
def give(request, pk: int):
    attendance = _own_attendance(request, pk)
    if Feedback.objects.filter(attendance=attendance).exists():
        return redirect("members:feedback:detail", pk=attendance.pk)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                feedback = record_feedback(attendance=attendance, data=form.cleaned_data)
                if acting_for(request) is not None and feedback.anonymous:
                    # Anonymous feedback must not be traceable to the member through
                    # the audit log: no member, no feedback id.
                    record(
                        actor=request.user,
                        action=Action.ADDED,
                        subject_type=SubjectType.MEMBER_RECORD,
                        summary="anonymous feedback given by a supporter",
                    )
                elif acting_for(request) is not None:
                    # Feedback has no "given by" of its own: the audit log says who.
                    record(
                        actor=request.user,
                        action=Action.ADDED,
                        subject_type=SubjectType.MEMBER_RECORD,
                        subject_id=attendance.interest.member_id,
                        member=attendance.interest.member,
                        summary=f"supporter gave session feedback {feedback.pk} for the member",
                    )
        except IntegrityError:
            return redirect("members:feedback:detail", pk=attendance.pk)
        return redirect("members:feedback:thanks", pk=attendance.pk)
    return render(
        request,
        "participation/feedback/give.html",
        {
            "page_title": f"{'Error: ' if form.errors else ''}Tell us how it went",
            "form": form,
            "attendance": attendance,
            "session": attendance.session,
        },
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@supporters_who_may_fill_in_forms
@require_GET
def thanks(request, pk: int):
    attendance = _own_attendance(request, pk)
    feedback = get_object_or_404(Feedback, attendance=attendance)
    return render(
        request,
        "participation/feedback/thanks.html",
        {
            "page_title": "Thank you for your feedback",
            "feedback": feedback,
            "session": attendance.session,
        },
    )


@never_cache
@login_required
@supporters_who_may_fill_in_forms
@require_GET
def detail(request, pk: int):
    attendance = _own_attendance(request, pk)
    feedback = get_object_or_404(Feedback, attendance=attendance)
    return render(
        request,
        "participation/feedback/detail.html",
        {
            "page_title": "Your feedback and our reply",
            "feedback": feedback,
            "answers": answers(feedback),
            "session": attendance.session,
        },
    )


# --- Coordinators' admin ----------------------------------------------------------------


def sender(feedback: Feedback) -> str:
    """Who gave it, as coordinators may see it: never a name when it is anonymous."""
    if feedback.anonymous:
        return "Anonymous"
    return str(feedback.attendance.interest.member)


class FeedbackIndexView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "participation/feedback/admin_index.html"
    page_title = "Session feedback"
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        feedback = Feedback.objects.select_related(
            "attendance__session__page", "attendance__interest__member__user"
        )
        waiting = self.request.GET.get("show") == "waiting"
        if waiting:
            feedback = feedback.filter(reply="")
        page_obj = Paginator(feedback, 50).get_page(self.request.GET.get("p"))
        context["rows"] = [(item, sender(item)) for item in page_obj.object_list]
        context["page_obj"] = page_obj
        context["waiting"] = waiting
        return context


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label="Your reply",
        help_text="We tell the person you have replied, the way they chose, and they read it online.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )


class FeedbackDetailView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "participation/feedback/admin_detail.html"
    page_title = "Feedback"
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        if refusal := self.refuse_unless_coordinator(request):
            return refusal
        self.feedback = get_object_or_404(
            Feedback.objects.select_related(
                "attendance__session__page", "attendance__interest__member__user", "replied_by"
            ),
            pk=kwargs["pk"],
        )
        self.form = ReplyForm(request.POST or None, initial={"reply": self.feedback.reply})
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("feedback_admin:index"), "label": "Session feedback"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            feedback=self.feedback,
            sender=sender(self.feedback),
            answers=answers(self.feedback),
            form=self.form,
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.form.is_valid():
            reply_to_feedback(
                feedback=self.feedback, reply=self.form.cleaned_data["reply"], by=request.user
            )
            messages.success(request, "Your reply is saved. We have told the person.")
            return redirect("feedback_admin:index")
        return self.get(request, *args, **kwargs)
