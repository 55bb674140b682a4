"""One form per topic of a member's involvement-bank profile, one topic a page.

These are the application's own section forms, so a question, its hint and its
checks are the same when someone applies and when they later change their answer.
Where the profile splits an application page in two, the other half is removed.
"""

from django import forms

from cms.members.application import forms as application
from cms.members.choices import ContactMethod

AccessNeedsForm = application.AccessNeedsForm
AvailabilityForm = application.AvailabilityForm
EmergencyContactForm = application.EmergencyContactForm
ExpertiseForm = application.LivedExperienceForm
InvolvementForm = application.InvolvementForm
PaymentForm = application.PaymentForm
ProfileSectionForm = application.SectionForm


class BiographyForm(application.SkillsForm):
    skills = None

    class Meta(application.SkillsForm.Meta):
        fields = ["biography"]


class SkillsForm(application.SkillsForm):
    biography = None

    class Meta(application.SkillsForm.Meta):
        fields = ["skills"]


class ContactForm(application.ContactForm):
    """How to contact you, with the phone number here, as the profile has no 'About you'."""

    phone = forms.CharField(
        label="Phone number",
        help_text="We need this if you choose phone calls or text messages.",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    class Meta(application.ContactForm.Meta):
        fields = ["contact_methods", "phone"]

    def clean(self):
        cleaned_data = super().clean()
        methods = cleaned_data.get("contact_methods") or []
        if not cleaned_data.get("phone") and (
            ContactMethod.PHONE in methods or ContactMethod.TEXT in methods
        ):
            self.add_error("phone", "Enter a phone number so that we can call or text you")
        return cleaned_data
