"""Coordinators acting for people without email, in the Wagtail admin.

"Register someone from a paper or phone application" creates the person
(``on_behalf.register_person``). From a person's record a coordinator then says they
are interested in an opportunity, records their attendance, takes their feedback by
phone, sends a claim from their paper form, or gives them a sign-in. Every view is for
coordinators only and looks the person up inside ``MemberProfile.objects.for_user``;
the work is done by ``cms.members.on_behalf``.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminDateInput

from cms.users.access import CoordinatorRequiredMixin

from . import on_behalf
from .choices import ContactMethod, Status
from .models import HowApplied, MemberProfile

NEW_APPLICATION = "new"
ALREADY_RECRUITED = "recruited"


def error_list(form) -> list[dict]:
    """The form's errors for the summary at the top, each linking to its field."""
    errors = [{"message": message, "href": ""} for message in form.non_field_errors()]
    for field in form:
        for message in field.errors:
            errors.append(
                {"message": f"{field.label}: {message}", "href": f"#{field.id_for_label}"}
            )
    return errors


class OnBehalfFormView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """A form a coordinator fills in for someone; shows the errors summary on a failure."""

    template_name = "members/admin/on_behalf/form.html"
    header_icon = "user"
    form_class = None
    intro = ""
    submit_label = "Save"

    def get_form_kwargs(self):
        return {}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        return self.render_form(self.form_class(**self.get_form_kwargs()))

    def render_form(self, form, status=200):
        context = self.get_context_data(
            form=form,
            errors=error_list(form) if form.is_bound else [],
            intro=self.intro,
            submit_label=self.submit_label,
            action_url=self.request.get_full_path(),
        )
        return self.render_to_response(context, status=status)

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST, request.FILES, **self.get_form_kwargs())
        if form.is_valid():
            try:
                return self.form_valid(form)
            except (on_behalf.OnBehalfError, *self.service_errors()) as error:
                # A rule about one answer (a date, say) is shown beside that answer.
                field = getattr(error, "field", None)
                form.add_error(field if field in form.fields else None, str(error))
        return self.render_form(form, status=400)

    def service_errors(self) -> tuple:
        return ()


# --- Registering someone -------------------------------------------------------------------


class RegisterForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150, help_text="As they gave it.")
    last_name = forms.CharField(label="Last name", max_length=150, help_text="As they gave it.")
    how_applied = forms.ChoiceField(
        label="How did they apply?",
        choices=HowApplied.choices,
        widget=forms.RadioSelect,
        help_text="Keep the paper form with their file.",
    )
    address = forms.CharField(
        label="Postal address",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
        help_text="Without the postcode. Needed to send them letters.",
    )
    postcode = forms.CharField(
        label="Postcode", required=False, max_length=10, help_text="For example LS1 4AP."
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=40,
        help_text="Needed if they would like phone calls.",
    )
    contact_methods = forms.MultipleChoiceField(
        label="How would they like to hear from us?",
        choices=[(m.value, m.label) for m in on_behalf.BY_HAND_METHODS],
        widget=forms.CheckboxSelectMultiple,
        help_text="Their messages become letters or calls in 'Messages to send by hand'.",
    )
    agreed_to_privacy_notice = forms.BooleanField(
        label="They agreed to the privacy notice",
        help_text="We cannot keep their details without it.",
    )
    consented_to_health_data = forms.BooleanField(
        label="They consented to us keeping information about their health",
        required=False,
        help_text="Only tick if they said yes to this on the form or to you.",
    )
    consent_given_how = forms.ChoiceField(
        label="How did they give their consent?",
        choices=HowApplied.choices,
        widget=forms.RadioSelect,
        help_text="Signed on a paper form, said on the phone, or said to you in person.",
    )
    consent_given_on = forms.DateField(
        label="Date they gave their consent",
        widget=AdminDateInput,
        help_text="The date on the form, or of the call.",
    )
    stage = forms.ChoiceField(
        label="Where are they in joining?",
        choices=[
            (NEW_APPLICATION, "A new application: they go through recruitment as usual"),
            (
                ALREADY_RECRUITED,
                "Already recruited on paper: they are an active member from today",
            ),
        ],
        initial=NEW_APPLICATION,
        widget=forms.RadioSelect,
        help_text="Only choose 'already recruited' if their references, checks and "
        "induction are done.",
    )


class RegisterView(OnBehalfFormView):
    page_title = "Register someone from a paper or phone application"
    form_class = RegisterForm
    submit_label = "Register them"
    intro = (
        "For someone without an email address. They will not be able to sign in: you "
        "act for them, and their messages come to you as letters or calls to send. "
        "You can give them a sign-in later."
    )

    def form_valid(self, form):
        data = form.cleaned_data
        member = on_behalf.register_person(
            on_behalf.PaperApplication(
                first_name=data["first_name"],
                last_name=data["last_name"],
                how_applied=data["how_applied"],
                address=data["address"],
                postcode=data["postcode"],
                phone=data["phone"],
                contact_methods=tuple(data["contact_methods"]),
                agreed_to_privacy_notice=data["agreed_to_privacy_notice"],
                consented_to_health_data=data["consented_to_health_data"],
                consent_given_how=data["consent_given_how"],
                consent_given_on=data["consent_given_on"],
                already_recruited=data["stage"] == ALREADY_RECRUITED,
            ),
            by=self.request.user,
        )
        messages.success(self.request, f"{member} is registered. {member.get_status_display()}.")
        return redirect("applications:detail", member.pk)


# --- Acting for one person -----------------------------------------------------------------


class ForPersonMixin:
    """Looks the person up inside what the coordinator may see, after the role check."""

    action_label = ""

    def dispatch(self, request, *args, **kwargs):
        if refusal := self.refuse_unless_allowed(request):
            return refusal
        self.member = get_object_or_404(
            MemberProfile.objects.for_user(request.user).select_related("user"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.action_label}: {self.member}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("applications:index"), "label": "Applications"},
            {"url": self.record_url, "label": str(self.member)},
            {"url": "", "label": self.action_label},
        ]

    @property
    def record_url(self):
        return reverse("applications:detail", args=[self.member.pk])

    def get_form_kwargs(self):
        return {"member": self.member}

    def done(self, message):
        messages.success(self.request, message)
        return redirect(self.record_url)


class InterestForm(forms.Form):
    opportunity = forms.ModelChoiceField(
        label="Opportunity",
        queryset=None,
        empty_label="Choose an opportunity",
        help_text="Only opportunities still open are listed.",
    )
    message = forms.CharField(
        label="What they would like us to know",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In their words, as they told you.",
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        from cms.opportunities.models import OpportunityPage

        self.fields["opportunity"].queryset = (
            OpportunityPage.objects.live()
            .filter(closing_date__gte=timezone.localdate())
            .defer_streamfields()
            .order_by("closing_date", "title")
        )
        self.fields["opportunity"].label_from_instance = lambda page: (
            f"{page.title} (closes {page.closing_date:%-d %B %Y})"
        )


class InterestView(ForPersonMixin, OnBehalfFormView):
    form_class = InterestForm
    action_label = "Say they are interested"
    submit_label = "Say they are interested"
    intro = "For someone who told you, by phone, letter or in person, that they would like to take part."

    def service_errors(self):
        from cms.participation.services import ParticipationError

        return (ParticipationError,)

    def form_valid(self, form):
        interest = on_behalf.express_interest_for(
            self.member,
            form.cleaned_data["opportunity"],
            by=self.request.user,
            message=form.cleaned_data["message"],
        )
        return self.done(
            f"{self.member} is now '{interest.get_status_display()}' for "
            f"{interest.opportunity.title}."
        )


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        return f"{session.page.title}: {session.title} ({session.starts_at:%-d %B %Y})"


class AttendanceForm(forms.Form):
    session = SessionChoiceField(
        label="Session",
        queryset=None,
        empty_label="Choose a session",
        help_text="Sessions of the opportunities they were selected for.",
    )
    attended = forms.ChoiceField(
        label="Did they come?",
        choices=[("yes", "Yes, they came"), ("no", "No, they did not come")],
        widget=forms.RadioSelect,
        help_text="The session's hours go on their record if they came.",
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        from cms.opportunities.models import OpportunitySession
        from cms.participation.models import Interest

        taking_part = Interest.objects.taking_part().filter(member=member)
        self.fields["session"].queryset = (
            OpportunitySession.objects.filter(page_id__in=taking_part.values("opportunity_id"))
            .select_related("page")
            .order_by("starts_at")
        )


class AttendanceView(ForPersonMixin, OnBehalfFormView):
    form_class = AttendanceForm
    action_label = "Record attendance"
    submit_label = "Record attendance"
    intro = "Whether they came to a session of an opportunity they were selected for."

    def service_errors(self):
        from cms.participation.services import ParticipationError

        return (ParticipationError,)

    def form_valid(self, form):
        session = form.cleaned_data["session"]
        attended = form.cleaned_data["attended"] == "yes"
        on_behalf.record_attendance_for(
            self.member, session, attended=attended, by=self.request.user
        )
        came = "came to" if attended else "did not come to"
        return self.done(f"Recorded that {self.member} {came} {session.title}.")


class AttendedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, attendance):
        session = attendance.session
        return f"{session.page.title}: {session.title} ({session.starts_at:%-d %B %Y})"


def attended_sessions(member):
    from cms.participation.models import Attendance

    return (
        Attendance.objects.filter(interest__member=member, attended=True)
        .select_related("session__page", "interest")
        .order_by("-session__starts_at")
    )


class PhoneFeedbackForm(forms.Form):
    attendance = AttendedChoiceField(
        label="Session",
        queryset=None,
        empty_label="Choose a session",
        help_text="Sessions they came to and have not given feedback on.",
    )
    comments = forms.CharField(
        label="Anything else they told you",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In their words. We add that you took it by phone.",
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        from cms.participation.models import Feedback
        from cms.participation.views_feedback import QUESTIONS

        self.fields["attendance"].queryset = attended_sessions(member).filter(feedback__isnull=True)
        comments = self.fields.pop("comments")
        for name, question in QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=question,
                choices=Feedback.Answer.choices,
                widget=forms.RadioSelect,
                help_text="Read the question to them and choose their answer.",
            )
        self.fields["comments"] = comments


class PhoneFeedbackView(ForPersonMixin, OnBehalfFormView):
    form_class = PhoneFeedbackForm
    action_label = "Feedback taken by phone"
    submit_label = "Save their feedback"
    intro = "Ask them the questions on this page and record their answers."

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        attendance = data.pop("attendance")
        on_behalf.record_phone_feedback(self.member, attendance, answers=data, by=self.request.user)
        return self.done(f"Feedback from {self.member} saved.")


class PaperClaimForm(forms.Form):
    session = SessionChoiceField(
        label="Session",
        queryset=None,
        empty_label="Choose a session",
        help_text="A session they came to.",
    )
    payment_choice = forms.ChoiceField(
        label="What would they like us to do with their payment?",
        required=False,
        widget=forms.RadioSelect,
        help_text="As ticked on their form. Leave blank for an expenses-only activity.",
    )
    miles = forms.DecimalField(
        label="Miles driven in their own car",
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=1,
        help_text="For example 12.5. Leave blank if they did not drive.",
    )
    expense_type = forms.ChoiceField(
        label="Other expense",
        required=False,
        help_text="One more expense from their form, with its receipt.",
    )
    amount = forms.DecimalField(
        label="Amount in pounds",
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text="For example 4.50.",
    )
    description = forms.CharField(
        label="What it was for",
        required=False,
        max_length=200,
        help_text="For example 'Bus from Headingley and back'.",
    )
    receipt = forms.FileField(
        label="Scan or photo of the receipt",
        required=False,
        help_text="A PDF, JPEG or PNG of the paper receipt they sent.",
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        from cms.claims.models import ExpenseType, PaymentChoice
        from cms.opportunities.models import OpportunitySession

        self.fields["session"].queryset = (
            OpportunitySession.objects.filter(pk__in=attended_sessions(member).values("session_id"))
            .select_related("page")
            .order_by("-starts_at")
        )
        self.fields["payment_choice"].choices = PaymentChoice.choices[:2] + [
            (PaymentChoice.DECLINED.value, PaymentChoice.DECLINED.label)
        ]
        self.fields["expense_type"].choices = [("", "None")] + [
            choice for choice in ExpenseType.choices if choice[0] != ExpenseType.MILEAGE
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("expense_type") and cleaned.get("amount") is None:
            self.add_error("amount", "Enter how much they spent.")
        return cleaned


class PaperClaimView(ForPersonMixin, OnBehalfFormView):
    form_class = PaperClaimForm
    action_label = "Claim from a paper form"
    submit_label = "Send the claim to finance"
    intro = (
        "Copy their paper claim form. The payment is worked out from the rates, as for "
        "anyone; finance check it as usual."
    )

    def service_errors(self):
        from cms.claims.services import ClaimError

        return (ClaimError,)

    def form_valid(self, form):
        from cms.claims.models import ExpenseType

        data = form.cleaned_data
        expenses = []
        if data["miles"]:
            expenses.append(
                on_behalf.PaperExpense(expense_type=ExpenseType.MILEAGE, miles=data["miles"])
            )
        if data["expense_type"]:
            expenses.append(
                on_behalf.PaperExpense(
                    expense_type=data["expense_type"],
                    amount=data["amount"],
                    description=data["description"],
                    receipt=data["receipt"],
                )
            )
        claim = on_behalf.claim_from_paper_form(
            self.member,
            data["session"],
            by=self.request.user,
            payment_choice=data["payment_choice"],
            expenses=expenses,
        )
        return self.done(f"The claim for {claim.activity_title} is sent to finance.")


class SignInForm(forms.Form):
    email = forms.EmailField(
        label="Their email address",
        help_text="Check it with them, letter by letter. We email them a link to choose a password.",
    )
    use_email_for_messages = forms.BooleanField(
        label="Send their messages by email from now on",
        required=False,
        help_text="Leave unticked to keep sending letters or calls as well as showing them online.",
    )


class SignInView(ForPersonMixin, OnBehalfFormView):
    form_class = SignInForm
    action_label = "Give them a sign-in"
    submit_label = "Send the invitation"
    intro = (
        "They keep their record and everything done so far. They will confirm their email "
        "address when they first sign in."
    )

    def get_form_kwargs(self):
        return {}

    def form_valid(self, form):
        on_behalf.give_sign_in(
            self.member,
            form.cleaned_data["email"],
            by=self.request.user,
            use_email_for_messages=form.cleaned_data["use_email_for_messages"],
        )
        return self.done(f"{self.member} has been emailed a link to choose a password.")


class ResendSignInView(ForPersonMixin, CoordinatorRequiredMixin, View):
    """Send the invitation to choose a password again (a button on their record; POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            on_behalf.resend_sign_in_invitation(self.member, by=request.user)
        except on_behalf.OnBehalfError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, f"{self.member} has been emailed the link to choose a password again."
            )
        return redirect(self.record_url)


class PauseForm(forms.Form):
    starts_on = forms.DateField(
        label="When does their break start?",
        widget=AdminDateInput,
        help_text="Today, unless they asked for a later day.",
    )
    until = forms.DateField(
        label="When would they like to come back? (optional)",
        required=False,
        widget=AdminDateInput,
        help_text="The day we can start inviting them again. Leave it empty if they will tell us.",
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].initial = timezone.localdate()


class PauseView(ForPersonMixin, OnBehalfFormView):
    form_class = PauseForm
    action_label = "Pause for them"
    submit_label = "Pause their involvement"
    intro = (
        "When someone asks by phone or letter for a break. Until they come back they are not "
        "invited to anything, matched, put on waiting lists or sent reminders."
    )

    def service_errors(self):
        from cms.wellbeing.services import WellbeingError

        return (WellbeingError,)

    def form_valid(self, form):
        from cms.wellbeing.selectors import paused_sentence

        paused = on_behalf.pause_for(
            self.member,
            starts_on=form.cleaned_data["starts_on"],
            until=form.cleaned_data["until"],
            by=self.request.user,
        )
        return self.done(paused_sentence(self.member, paused))


class ResumeView(ForPersonMixin, CoordinatorRequiredMixin, View):
    """They are ready to take part again (a button on their record; POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        from cms.wellbeing.services import WellbeingError

        try:
            on_behalf.resume_for(self.member, by=request.user)
        except WellbeingError:
            messages.error(request, f"{self.member} is not paused.")
        else:
            messages.success(request, f"{self.member} is back: they can be invited again.")
        return redirect(self.record_url)


def on_behalf_context(member) -> dict:
    """What the person's record shows about acting for them: links and what was done."""
    from cms.wellbeing.selectors import open_pause

    from .models import OfflineRegistration

    return {
        "offline_registration": OfflineRegistration.objects.filter(member=member)
        .select_related("registered_by", "sign_in_given_by")
        .first(),
        "managed_for_them": on_behalf.is_managed_for_them(member),
        "can_resend_sign_in": on_behalf.can_resend_sign_in(member),
        "on_behalf_actions": list(member.on_behalf_actions.select_related("done_by")),
        "on_behalf_active": member.status == Status.ACTIVE,
        "on_behalf_pause": open_pause(member),
        "today": timezone.localdate(),
        "on_behalf_contact_by_hand": [
            ContactMethod(m).label for m in member.contact_methods if m in on_behalf.BY_HAND_METHODS
        ],
    }


urlpatterns = [
    path("register/", RegisterView.as_view(), name="register"),
    path("<int:pk>/interest/", InterestView.as_view(), name="interest"),
    path("<int:pk>/attendance/", AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/feedback/", PhoneFeedbackView.as_view(), name="feedback"),
    path("<int:pk>/claim/", PaperClaimView.as_view(), name="claim"),
    path("<int:pk>/sign-in/", SignInView.as_view(), name="sign_in"),
    path("<int:pk>/sign-in/resend/", ResendSignInView.as_view(), name="resend_sign_in"),
    path("<int:pk>/pause/", PauseView.as_view(), name="pause"),
    path("<int:pk>/pause/end/", ResumeView.as_view(), name="resume"),
]
