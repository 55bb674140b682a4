"""Public forms for form pages, rendered with our NHS.UK markup.

``InvolveFormBuilder`` turns an editor's form fields into a form class the same way
Wagtail's ``FormBuilder`` does, then adds what every public form here needs:

- NHS.UK rendering (``NHSUKFormMixin``), with radios and checkboxes whose options the
  field template labels itself;
- plain-English error messages, or the editor's own;
- a honeypot field that people never see, to catch automated spam;
- on pages that allow it, a "Send this anonymously" box that drops every field flagged
  as identifying the person before anything is stored or emailed.

``CharterSignForm`` is the fixed form partner organisations use to sign a charter.
"""

from django import forms
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from cms.core.forms import NHSUKFormMixin

# Names the builder adds to every form. Editors' field names are checked against them
# (see ``FormField.clean``) so a label can never shadow one.
HONEYPOT_FIELD = "extra_reference"
ANONYMOUS_FIELD = "send_anonymously"
RESERVED_FIELD_NAMES = frozenset({HONEYPOT_FIELD, ANONYMOUS_FIELD})

CHOICE_FIELD_TYPES = frozenset({"dropdown", "multiselect", "radio", "checkboxes"})
EMAIL_FORMAT_MESSAGE = "Enter an email address in the correct format, like name@example.com"


class OptionInputRadios(forms.RadioSelect):
    """Radios whose options render as just their ``<input>``: the NHS.UK field template
    (``forms/involve_field.html``) writes each option's label itself."""

    option_template_name = "django/forms/widgets/input.html"


class OptionInputCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose options render as just their ``<input>``, as for the radios."""

    option_template_name = "django/forms/widgets/input.html"


def honeypot_field() -> forms.CharField:
    """A text box hidden from people. Automated spam fills in every box it finds."""
    return forms.CharField(
        label="Leave this box empty",
        help_text="This box helps us stop automated spam. People should not fill it in.",
        required=False,
        template_name="formpages/honeypot_field.html",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class HoneypotMixin:
    """Adds the honeypot; after cleaning, ``is_spam`` says whether it was filled in."""

    is_spam = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = honeypot_field()

    def clean(self):
        cleaned_data = super().clean()
        # Never stored or emailed: it only tells us whether a person sent the form.
        self.is_spam = bool(cleaned_data.pop(HONEYPOT_FIELD, ""))
        return cleaned_data


class InvolveBuiltForm(HoneypotMixin, NHSUKFormMixin, BaseForm):
    """The base of every form built from a form page's fields.

    ``identifying_fields`` names the fields that say who someone is. If the person ticks
    "Send this anonymously", those fields (and any errors in them) are dropped, so what
    is stored and emailed cannot identify them.
    """

    identifying_fields: frozenset[str] = frozenset()
    allow_anonymous = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.allow_anonymous:
            self.fields[ANONYMOUS_FIELD] = forms.BooleanField(
                label="Send this anonymously",
                help_text=(
                    "If you tick this, we will not keep or pass on your name or contact "
                    "details, even if you gave them above. We will not be able to reply to you."
                ),
                required=False,
            )
        # The honeypot goes last, after the box above.
        self.fields[HONEYPOT_FIELD] = self.fields.pop(HONEYPOT_FIELD)

    @property
    def sent_anonymously(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get(ANONYMOUS_FIELD))

    def clean(self):
        cleaned_data = super().clean()
        if self.allow_anonymous and cleaned_data.get(ANONYMOUS_FIELD):
            for name in self.identifying_fields:
                cleaned_data.pop(name, None)
                # A mistyped email address should not stop an anonymous message.
                self._errors.pop(name, None)
        return cleaned_data


class InvolveFormBuilder(FormBuilder):
    """Wagtail's form builder with our widgets, messages and extra fields."""

    def __init__(self, fields, *, allow_anonymous: bool = False):
        super().__init__(fields)
        self.allow_anonymous = allow_anonymous

    def get_field_options(self, field):
        options = super().get_field_options(field)
        label = field.label
        custom = (getattr(field, "error_message", "") or "").strip()
        if field.field_type in CHOICE_FIELD_TYPES:
            required_message = f"Choose an answer for “{label}”"
        elif field.field_type == "checkbox":
            required_message = f"Tick “{label}” to continue"
        else:
            required_message = f"Enter an answer for “{label}”"
        options["error_messages"] = {"required": custom or required_message}
        return options

    def create_email_field(self, field, options):
        options["error_messages"]["invalid"] = EMAIL_FORMAT_MESSAGE
        return super().create_email_field(field, options)

    def create_number_field(self, field, options):
        options["error_messages"]["invalid"] = f"Enter a number for “{field.label}”"
        return super().create_number_field(field, options)

    def create_date_field(self, field, options):
        options["error_messages"]["invalid"] = "Enter a real date, like 27/03/2025"
        return super().create_date_field(field, options)

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", "Choose one")] + self.get_formatted_field_choices(field)
        return forms.ChoiceField(**options)

    def create_radio_field(self, field, options):
        options["widget"] = OptionInputRadios
        return super().create_radio_field(field, options)

    def create_checkboxes_field(self, field, options):
        options["widget"] = OptionInputCheckboxes
        return super().create_checkboxes_field(field, options)

    def get_form_class(self):
        attrs = dict(self.formfields)
        attrs["identifying_fields"] = frozenset(
            field.clean_name or field.get_field_clean_name()
            for field in self.fields
            if getattr(field, "identifies_person", False)
        )
        attrs["allow_anonymous"] = self.allow_anonymous
        return type("InvolveForm", (InvolveBuiltForm,), attrs)


class CharterSignForm(HoneypotMixin, NHSUKFormMixin, forms.Form):
    """What a partner organisation tells us when it signs a charter."""

    organisation_name = forms.CharField(
        label="Name of your organisation",
        max_length=255,
        error_messages={"required": "Enter the name of your organisation"},
    )
    website = forms.URLField(
        label="Your organisation's website",
        help_text="We link to it from the list of organisations that have signed.",
        required=False,
        assume_scheme="https",
        max_length=255,
        error_messages={"invalid": "Enter a website address, like www.example.org"},
    )
    contact_name = forms.CharField(
        label="Your full name",
        max_length=255,
        error_messages={"required": "Enter your full name"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_role = forms.CharField(
        label="Your role",
        help_text="For example, chief executive or head of adult social care.",
        max_length=255,
        error_messages={"required": "Enter your role in the organisation"},
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    contact_email = forms.EmailField(
        label="Your email address",
        help_text="We only use this to check the signature with you. We never publish it.",
        error_messages={
            "required": "Enter your email address",
            "invalid": EMAIL_FORMAT_MESSAGE,
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    agree = forms.BooleanField(
        label="I agree to the charter on behalf of my organisation",
        help_text="You must be allowed to sign for your organisation.",
        error_messages={"required": "Tick the box to agree to the charter"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["website"].widget.attrs.update({"autocomplete": "url", "spellcheck": "false"})

    def signature_details(self) -> dict[str, str]:
        """The cleaned answers, named as ``charter_sign`` takes them."""
        return {
            name: self.cleaned_data[name].strip()
            for name in (
                "organisation_name",
                "website",
                "contact_name",
                "contact_role",
                "contact_email",
            )
        }
