"""Forms for mentoring: the pair's own pages (NHS.UK markup) and the coordinators' admin."""

from django import forms

from cms.core.forms import NHSUKForm, PlainDateField
from cms.members.models import MemberProfile

from .models import MeetingMethod, MentorProfile


class DeclineForm(NHSUKForm):
    reason = forms.CharField(
        label="Would you like to tell us why? (optional)",
        help_text="Only the involvement team and the other person will see this.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EndForm(NHSUKForm):
    reason = forms.CharField(
        label="Why is the mentoring ending?",
        help_text="For example, 'we met our goals' or 'I need a break for a while'.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the mentoring is ending"},
    )


class SharedGoalForm(NHSUKForm):
    title = forms.CharField(
        label="What is the goal?",
        help_text="Something you agreed to work on together, for example 'speak up at the carers' forum'.",
        max_length=200,
        error_messages={"required": "Enter the goal"},
    )
    detail = forms.CharField(
        label="Anything more about it?",
        help_text="How you will know you have got there.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SessionForm(NHSUKForm):
    held_on = PlainDateField(
        label="When did you meet?",
        help_text="For example, 27 3 2026.",
        error_messages={"required": "Enter the date you met"},
    )
    minutes = forms.IntegerField(
        label="How long did you meet for, in minutes?",
        help_text="For example, 45 for three quarters of an hour.",
        min_value=5,
        max_value=600,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-4"}),
        error_messages={
            "required": "Enter how long you met for, in minutes",
            "invalid": "Enter the number of minutes, like 45",
            "min_value": "Enter at least 5 minutes",
            "max_value": "Enter 600 minutes (10 hours) or fewer",
        },
    )
    method = forms.ChoiceField(
        label="How did you meet?",
        help_text="Choose one.",
        choices=MeetingMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you met"},
    )
    notes = forms.CharField(
        label="Notes to share",
        help_text="What you talked about. Both of you can read these notes.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    next_steps = forms.CharField(
        label="Next steps",
        help_text="What each of you will do before you next meet.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- The coordinators' admin ----------------------------------------------------------------


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.user.email})"


def active_members():
    return (
        MemberProfile.objects.in_bank()
        .select_related("user")
        .order_by("user__first_name", "user__last_name")
    )


class ChooseMenteeForm(forms.Form):
    mentee = MemberChoiceField(
        queryset=active_members(),
        label="Mentee",
        help_text="The active member who would like a mentor.",
        widget=forms.Select(attrs={"aria-describedby": "mentee-help"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = active_members()


class MentorProfileForm(forms.ModelForm):
    class Meta:
        model = MentorProfile
        fields = ["is_willing", "capacity", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class NewMentorForm(MentorProfileForm):
    member = MemberChoiceField(
        queryset=active_members(),
        label="Member",
        help_text="An active member who is willing to mentor others.",
    )

    class Meta(MentorProfileForm.Meta):
        fields = ["member", "is_willing", "capacity", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = active_members().filter(mentor_profile__isnull=True)


class MovePairForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        required=False,
        help_text="Needed when ending a pair; shown to both people.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
