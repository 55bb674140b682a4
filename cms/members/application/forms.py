"""One form per section of the application, each rendered with NHS.UK markup."""

import re

from django import forms
from django.utils import timezone

from cms.core.forms import NHSUKFormMixin
from cms.opportunities.models import LEVEL_EXPLANATIONS, InvolvementLevel, InvolvementType
from cms.taxonomy.models import ServiceArea

from ..choices import (
    PREFER_NOT_TO_SAY,
    ContactMethod,
    Day,
    Format,
    LivedExperience,
    NoticeNeeded,
    PaymentPreference,
    RolePreference,
    TimeOfDay,
)
from ..models import EqualityMonitoring, MemberProfile

BIOGRAPHY_MAX = 1000
UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")


def _clean_phone(value: str, message: str) -> str:
    value = value.strip()
    if value and not PHONE.match(value):
        raise forms.ValidationError(message)
    return value


class Radios(forms.RadioSelect):
    """Radios whose options render as just their ``<input>``: the NHS.UK field template
    (``forms/involve_field.html``) writes each option's label itself."""

    option_template_name = "django/forms/widgets/input.html"


class Checkboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose options render as just their ``<input>``, as for the radios."""

    option_template_name = "django/forms/widgets/input.html"


class SectionForm(NHSUKFormMixin, forms.ModelForm):
    """A section of the application: saves onto the person's ``MemberProfile``."""

    template_name = "forms/involve_form.html"

    def save_valid_parts(self) -> None:
        """Keep what can be kept from a form that did not validate as a whole.

        Fields that cleaned are saved; for the others, what was typed is saved if the
        database can hold it, so nothing typed is lost when the person comes back.
        """
        instance = self.instance
        m2m = {}
        changed = []
        for name, field in self.fields.items():
            if name in self.cleaned_data and name not in self.errors:
                value = self.cleaned_data[name]
            else:
                value = self._raw_value_to_keep(name, field)
                if value is _SKIP:
                    continue
            if isinstance(field, forms.ModelMultipleChoiceField):
                m2m[name] = value
            else:
                setattr(instance, name, value)
                changed.append(name)
        instance.save()
        for name, value in m2m.items():
            getattr(instance, name).set(value)

    def _raw_value_to_keep(self, name, field):
        raw = self[name].data
        model_field = self.instance._meta.get_field(name)
        if raw in (None, "", [], ()):
            if isinstance(field, forms.ModelMultipleChoiceField):
                return []
            if model_field.get_internal_type() == "JSONField":
                return []
            if model_field.null:
                return None
            if model_field.get_internal_type() == "BooleanField":
                return False
            return ""
        if (
            isinstance(raw, str)
            and model_field.get_internal_type() in {"CharField", "TextField"}
            and not model_field.choices
            and (model_field.max_length is None or len(raw) <= model_field.max_length)
        ):
            return raw
        return _SKIP


_SKIP = object()


def _checkboxes(choices, label, help_text, required=True, error="") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        required=required,
        widget=Checkboxes,
        error_messages={"required": error},
    )


def _radios(choices, label, help_text, error, required=True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=list(choices),
        required=required,
        widget=Radios,
        error_messages={"required": error},
    )


class AboutYouForm(SectionForm):
    first_name = forms.CharField(
        label="First name",
        help_text="Your legal first name, as on letters from your bank or doctor.",
        max_length=150,
        error_messages={"required": "Enter your first name"},
    )
    last_name = forms.CharField(
        label="Last name",
        help_text="Your family name or surname.",
        max_length=150,
        error_messages={"required": "Enter your last name"},
    )
    preferred_name = forms.CharField(
        label="What would you like us to call you?",
        help_text="Leave this empty if it is the same as your first name.",
        max_length=80,
        required=False,
    )
    pronouns = forms.CharField(
        label="Your pronouns",
        help_text="For example she/her, he/him or they/them.",
        max_length=40,
        required=False,
    )
    phone = forms.CharField(
        label="Phone number",
        help_text="A landline or mobile number, for example 01632 960 001 or 07700 900 982.",
        max_length=40,
        required=False,
    )
    address = forms.CharField(
        label="Address",
        help_text="So we can post letters and papers to you. Leave out the postcode.",
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        required=False,
    )
    postcode = forms.CharField(
        label="Postcode",
        help_text="For example LS1 4AP.",
        max_length=10,
        required=False,
    )

    user_fields = ("first_name", "last_name", "preferred_name")

    class Meta:
        model = MemberProfile
        fields = ["phone", "address", "postcode", "pronouns"]

    def __init__(self, *args, user, **kwargs):
        self.user = user
        initial = kwargs.pop("initial", {}) or {}
        for name in self.user_fields:
            initial.setdefault(name, getattr(user, name))
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["phone"].widget.input_type = "tel"
        self.fields["preferred_name"].widget.attrs["autocomplete"] = "nickname"
        self.fields["postcode"].widget.attrs.update(
            {"autocomplete": "postal-code", "class": "nhsuk-input--width-10"}
        )
        self.order_fields(
            ["first_name", "last_name", "preferred_name", "pronouns", "phone", "address"]
        )

    def clean_phone(self):
        return _clean_phone(
            self.cleaned_data["phone"],
            "Enter a phone number, like 01632 960 001 or 07700 900 982",
        )

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip().upper()
        if postcode and not UK_POSTCODE.match(postcode):
            raise forms.ValidationError("Enter a full UK postcode, like LS1 4AP")
        return postcode

    def _save_user(self, values: dict) -> None:
        for name, value in values.items():
            setattr(self.user, name, value)
        if values:
            self.user.save(update_fields=list(values))

    def save(self, commit=True):
        self._save_user({name: self.cleaned_data[name] for name in self.user_fields})
        return super().save(commit=commit)

    def save_valid_parts(self) -> None:
        values = {}
        for name in self.user_fields:
            if name in self.cleaned_data and name not in self.errors:
                values[name] = self.cleaned_data[name]
            elif isinstance(self[name].data, str) and len(self[name].data) <= 150:
                values[name] = self[name].data[: self.fields[name].max_length]
        self._save_user(values)
        profile_fields = {k: v for k, v in self.fields.items() if k not in self.user_fields}
        all_fields = self.fields
        self.fields = profile_fields
        try:
            super().save_valid_parts()
        finally:
            self.fields = all_fields


class LivedExperienceForm(SectionForm):
    lived_experience = _radios(
        LivedExperience.choices,
        "Which of these describes you?",
        "Choose the one that fits best.",
        "Choose whether you use services, care for someone who does, or both",
    )
    expertise = forms.ModelMultipleChoiceField(
        label="Which areas of health or social care do you know about from your own life?",
        help_text="Choose all that apply.",
        queryset=ServiceArea.objects.all(),
        widget=Checkboxes,
        error_messages={"required": "Choose at least one area you know about"},
    )
    lived_experience_note = forms.CharField(
        label="Anything else you would like to tell us about your experience",
        help_text="Only share what you are comfortable with. You can leave this empty.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    class Meta:
        model = MemberProfile
        fields = ["lived_experience", "expertise", "lived_experience_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # With no areas set up yet, nobody could answer the question.
        self.fields["expertise"].required = ServiceArea.objects.exists()


class SkillsForm(SectionForm):
    skills = forms.CharField(
        label="What skills or experience would you bring?",
        help_text="For example listening, speaking up in meetings, reading reports, or "
        "knowledge from work or volunteering. You can leave this empty.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    biography = forms.CharField(
        label="A short description of you",
        help_text=f"A few sentences about you that we can share with the teams you work "
        f"with. Use no more than {BIOGRAPHY_MAX} characters.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write a short description of you"},
    )

    class Meta:
        model = MemberProfile
        fields = ["skills", "biography"]

    def clean_biography(self):
        biography = self.cleaned_data["biography"].strip()
        if len(biography) > BIOGRAPHY_MAX:
            raise forms.ValidationError(
                f"Your description must be {BIOGRAPHY_MAX} characters or fewer. "
                f"It has {len(biography)} characters."
            )
        return biography


class InvolvementForm(SectionForm):
    involvement_types = _checkboxes(
        InvolvementType.choices,
        "What kinds of involvement interest you?",
        "Choose all that apply. You can change this later.",
        error="Choose at least one kind of involvement",
    )
    involvement_levels = _checkboxes(
        [
            (level.value, f"{level.label}: {LEVEL_EXPLANATIONS[level]}")
            for level in InvolvementLevel
        ],
        "How much would you like to be involved?",
        "Choose all that apply. You can leave this empty if you are not sure.",
        required=False,
    )
    role_preference = _radios(
        RolePreference.choices,
        "Would you like paid or voluntary roles?",
        "Voluntary roles pay your expenses, such as travel, but not for your time.",
        "Choose paid roles, voluntary roles or either",
    )

    class Meta:
        model = MemberProfile
        fields = ["involvement_types", "involvement_levels", "role_preference"]


class AvailabilityForm(SectionForm):
    available_days = _checkboxes(
        Day.choices,
        "Which days can you usually take part?",
        "Choose all that apply.",
        error="Choose at least one day",
    )
    available_times = _checkboxes(
        TimeOfDay.choices,
        "What times of day suit you?",
        "Choose all that apply.",
        error="Choose at least one time of day",
    )
    notice_needed = _radios(
        NoticeNeeded.choices,
        "How much notice do you need before a meeting or event?",
        "Think about arranging care, transport or time off.",
        "Choose how much notice you need",
    )

    class Meta:
        model = MemberProfile
        fields = ["available_days", "available_times", "notice_needed"]


class AccessNeedsForm(SectionForm):
    formats = _checkboxes(
        Format.choices,
        "Do you need papers in another format?",
        "Choose all that apply. Leave these empty if standard print and email are fine.",
        required=False,
    )
    meeting_support = forms.CharField(
        label="What support would help you at meetings?",
        help_text="For example a hearing loop, regular breaks, a quiet room, or someone "
        "to go through papers with you beforehand. You can leave this empty.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    reasonable_adjustments = forms.CharField(
        label="Any other changes that would help you take part",
        help_text="These are called reasonable adjustments. You can leave this empty.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    needs_replacement_care = forms.TypedChoiceField(
        label="Would you need someone to look after a person you care for while you take part?",
        help_text="This is called replacement care. We can pay for it.",
        choices=[("True", "Yes"), ("False", "No")],
        coerce=lambda value: value == "True",
        widget=Radios,
        error_messages={"required": "Choose yes if you would need replacement care"},
    )

    class Meta:
        model = MemberProfile
        fields = ["formats", "meeting_support", "reasonable_adjustments", "needs_replacement_care"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        value = self.instance.needs_replacement_care
        if not self.is_bound and value is not None:
            self.initial["needs_replacement_care"] = str(value)


class ContactForm(SectionForm):
    contact_methods = _checkboxes(
        ContactMethod.choices,
        "How would you like us to contact you?",
        "Choose all that apply.",
        error="Choose at least one way for us to contact you",
    )

    class Meta:
        model = MemberProfile
        fields = ["contact_methods"]


class PaymentForm(SectionForm):
    payment_preference = _radios(
        PaymentPreference.choices,
        "How would you like to be paid for paid roles?",
        "We always pay your expenses, such as travel, whatever you choose.",
        "Choose how you would like to be paid",
    )

    class Meta:
        model = MemberProfile
        fields = ["payment_preference"]


class EmergencyContactForm(SectionForm):
    emergency_contact_name = forms.CharField(
        label="Their full name",
        help_text="Someone we can call if you are unwell or need help at a meeting.",
        max_length=120,
        error_messages={"required": "Enter the name of your emergency contact"},
    )
    emergency_contact_relationship = forms.CharField(
        label="How do you know them?",
        help_text="For example partner, daughter, friend or support worker.",
        max_length=60,
        error_messages={"required": "Enter how you know your emergency contact"},
    )
    emergency_contact_phone = forms.CharField(
        label="Their phone number",
        help_text="For example 01632 960 001 or 07700 900 982.",
        max_length=40,
        error_messages={"required": "Enter your emergency contact's phone number"},
    )

    class Meta:
        model = MemberProfile
        fields = [
            "emergency_contact_name",
            "emergency_contact_relationship",
            "emergency_contact_phone",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["emergency_contact_phone"].widget.input_type = "tel"

    def clean_emergency_contact_phone(self):
        return _clean_phone(
            self.cleaned_data["emergency_contact_phone"],
            "Enter a phone number, like 01632 960 001 or 07700 900 982",
        )


AGE_BANDS = [
    ("16_24", "16 to 24"),
    ("25_34", "25 to 34"),
    ("35_49", "35 to 49"),
    ("50_64", "50 to 64"),
    ("65_74", "65 to 74"),
    ("75_plus", "75 or over"),
]
SEX = [("female", "Female"), ("male", "Male")]
YES_NO = [("yes", "Yes"), ("no", "No")]
SEXUAL_ORIENTATION = [
    ("straight", "Straight or heterosexual"),
    ("gay_lesbian", "Gay or lesbian"),
    ("bisexual", "Bisexual"),
    ("other", "Another sexual orientation"),
]
ETHNICITY = [
    ("asian", "Asian or Asian British"),
    ("black", "Black, Black British, Caribbean or African"),
    ("mixed", "Mixed or multiple ethnic groups"),
    ("white", "White"),
    ("other", "Another ethnic group"),
]
RELIGION = [
    ("none", "No religion"),
    ("buddhist", "Buddhist"),
    ("christian", "Christian"),
    ("hindu", "Hindu"),
    ("jewish", "Jewish"),
    ("muslim", "Muslim"),
    ("sikh", "Sikh"),
    ("other", "Another religion"),
]
DISABILITY = [("yes", "Yes"), ("no", "No")]


def _equality_question(choices, label, help_text=""):
    return forms.ChoiceField(
        label=label,
        help_text=help_text or "You do not have to answer.",
        choices=[*choices, PREFER_NOT_TO_SAY],
        required=False,
        widget=Radios,
    )


class EqualityForm(NHSUKFormMixin, forms.ModelForm):
    """Optional equality monitoring, saved apart from the application."""

    template_name = "forms/involve_form.html"

    age_band = _equality_question(AGE_BANDS, "How old are you?")
    sex = _equality_question(SEX, "What is your sex?")
    gender_same_as_at_birth = _equality_question(
        YES_NO, "Is the gender you identify with the same as your sex registered at birth?"
    )
    sexual_orientation = _equality_question(
        SEXUAL_ORIENTATION, "Which of these best describes your sexual orientation?"
    )
    ethnicity = _equality_question(ETHNICITY, "What is your ethnic group?")
    religion = _equality_question(RELIGION, "What is your religion?")
    disability = _equality_question(
        DISABILITY,
        "Do you consider yourself to be disabled?",
        "This includes a long-term health condition or learning disability. "
        "You do not have to answer.",
    )

    class Meta:
        model = EqualityMonitoring
        fields = [
            "age_band",
            "sex",
            "gender_same_as_at_birth",
            "sexual_orientation",
            "ethnicity",
            "religion",
            "disability",
        ]

    def save_valid_parts(self) -> None:
        for name in self.fields:
            if name in self.cleaned_data and name not in self.errors:
                setattr(self.instance, name, self.cleaned_data[name])
        self.instance.save()


class ConsentForm(SectionForm):
    agreed_to_privacy_notice = forms.BooleanField(
        label="I have read the privacy notice",
        help_text="It explains what we keep about you, why, and for how long.",
        error_messages={"required": "Confirm you have read the privacy notice"},
    )
    consented_to_health_data = forms.BooleanField(
        label="I agree that you can keep what I have told you about my health and care",
        help_text="We use it only to match you with opportunities and support you. "
        "You can change your mind at any time from your account.",
        error_messages={"required": "Tick the box to agree that we can keep your health details"},
    )

    class Meta:
        model = MemberProfile
        fields = ["agreed_to_privacy_notice", "consented_to_health_data"]

    def save(self, commit=True):
        self.instance.consent_given_at = timezone.now()
        self.instance.consent_withdrawn_at = None
        return super().save(commit=commit)
