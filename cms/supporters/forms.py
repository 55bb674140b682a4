from django import forms

from cms.core.forms import NHSUKForm

from .models import Permission, Relationship


class NameSupporterForm(NHSUKForm):
    supporter_name = forms.CharField(
        label="Their full name",
        help_text="The name of the person who helps you.",
        max_length=150,
        error_messages={"required": "Enter their full name"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    supporter_email = forms.EmailField(
        label="Their email address",
        help_text="We will send them an invitation. They sign in with this address.",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the right format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    relationship = forms.ChoiceField(
        label="How do they know you?",
        help_text="Choose the one that fits best.",
        choices=Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how they know you"},
    )
    permissions = forms.MultipleChoiceField(
        label="What may they do for you?",
        help_text="They can always see your dashboard. Tick anything else they may do.",
        choices=Permission.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    gets_message_copies = forms.BooleanField(
        label="Send them a copy of the messages we send me",
        help_text="By email. Private messages are never copied.",
        required=False,
    )
    consent = forms.BooleanField(
        label="I agree that this person may act for me",
        help_text=(
            "They will have their own sign-in. Everything they do will show that they did "
            "it. You can end this at any time on this page."
        ),
        error_messages={
            "required": "Tick the box to say you agree to this supporter acting for you"
        },
    )


class EndArrangementForm(NHSUKForm):
    reason = forms.CharField(
        label="Why are you ending it? (optional)",
        help_text="You do not have to tell us.",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
