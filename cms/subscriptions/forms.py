"""Forms for the bulletin list, rendered with NHS.UK frontend markup."""

from django import forms

from cms.core.forms import NHSUKForm
from cms.formpages.forms import HoneypotMixin
from cms.members.application.forms import Checkboxes, Radios
from cms.taxonomy.models import ServiceArea

from .models import Subscriber


class PreferencesForm(NHSUKForm):
    """What a subscriber wants to hear about, and how the email should look."""

    service_areas = forms.ModelMultipleChoiceField(
        label="Which topics would you like news about?",
        help_text="Choose all that interest you. If you choose none, we will send you news "
        "about all of them.",
        queryset=ServiceArea.objects.order_by("name"),
        required=False,
        widget=Checkboxes,
    )
    email_format = forms.ChoiceField(
        label="How would you like the email to look?",
        help_text="Plain text works well with screen readers and on slow connections.",
        choices=[
            (Subscriber.EmailFormat.HTML, "Designed email, with pictures and colours"),
            (Subscriber.EmailFormat.PLAIN_TEXT, "Plain text only"),
        ],
        initial=Subscriber.EmailFormat.HTML,
        widget=Radios,
        error_messages={"required": "Choose how you would like the email to look"},
    )


class SubscribeForm(HoneypotMixin, PreferencesForm):
    """Anyone can ask for the bulletin by email; the address is confirmed by email. The
    honeypot (``is_spam``) catches automated sign-ups without a CAPTCHA."""

    email = forms.EmailField(
        label="Email address",
        help_text="We will send you an email to check it is yours. We only use this address "
        "to send you the e-bulletin.",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    field_order = ["email", "service_areas", "email_format"]
