"""The member's pause and check-in forms (NHS.UK markup, no JavaScript needed)."""

from django import forms

from cms.core.forms import NHSUKForm, PlainDateField

from .models import Feeling

YES_NO = [("yes", "Yes, please call me"), ("no", "No, thank you")]


class PauseForm(NHSUKForm):
    starts_on = PlainDateField(
        label="When does your break start?",
        help_text="For example, 27 3 2027. Leave today's date to start now.",
        error_messages={"required": "Enter the day your break starts"},
    )
    until = PlainDateField(
        label="When would you like to come back? (optional)",
        help_text=(
            "The day we can start inviting you again, for example 1 6 2027. "
            "Leave it empty to pause until you tell us you are back."
        ),
        required=False,
    )
    reason = forms.CharField(
        label="Anything you want to note for yourself? (optional)",
        help_text="For example, 'a hospital stay'. Only you can see this. The team does not.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CheckInForm(NHSUKForm):
    feeling = forms.ChoiceField(
        label="How are you doing?",
        help_text="Choose the one that fits best today.",
        choices=Feeling.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you are doing"},
    )
    note = forms.CharField(
        label="Anything you would like to tell us? (optional)",
        help_text="The involvement team reads this. It is kept private and secure.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    wants_call = forms.ChoiceField(
        label="Would you like a call from a coordinator?",
        help_text="Someone from the involvement team will phone you, usually within 2 working days.",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes if you would like a call"},
    )
