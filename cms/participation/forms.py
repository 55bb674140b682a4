"""Forms members fill in to take part, rendered with NHS.UK frontend markup."""

from django import forms

from cms.core.forms import NHSUKForm
from cms.members.application.forms import Checkboxes
from cms.members.choices import Format
from cms.opportunities.models import OpportunitySession


class SessionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: OpportunitySession) -> str:
        return f"{obj.title}: {obj.when_in_words}, {obj.location_text}"


class InterestForm(NHSUKForm):
    """'I'm interested': what the member needs for this opportunity and when they can come."""

    sessions = SessionChoiceField(
        label="Which sessions can you come to?",
        help_text="Choose all that you can come to.",
        queryset=OpportunitySession.objects.none(),
        required=False,
        widget=Checkboxes,
    )
    adjustments = forms.CharField(
        label="What do you need to take part in this opportunity?",
        help_text=(
            "For example a hearing loop, regular breaks, a quiet room, or someone to go "
            "through papers with you. We have filled this in from your profile. "
            "You can change it for this opportunity."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    formats = forms.MultipleChoiceField(
        label="Do you need papers in another format?",
        help_text="Choose all that apply. Leave these empty if standard print and email are fine.",
        choices=Format.choices,
        required=False,
        widget=Checkboxes,
    )
    message = forms.CharField(
        label="Anything else you would like to tell us",
        help_text="For example why this interests you. You can leave this empty.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, opportunity, **kwargs):
        super().__init__(*args, **kwargs)
        sessions = opportunity.sessions.all().order_by("starts_at", "pk")
        self.fields["sessions"].queryset = sessions
        if not any(True for _ in sessions):
            del self.fields["sessions"]


class CheckInForm(NHSUKForm):
    code = forms.CharField(
        label="Session code",
        help_text="The code is on the sign at the door, or the person running the session "
        "can tell you. It has 6 letters and numbers, for example K7RM2P.",
        max_length=12,
        error_messages={"required": "Enter the session code"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "class": "nhsuk-input--width-10",
            }
        ),
    )
