"""The sections of the application, in the order people fill them in."""

from dataclasses import dataclass

from django import forms

from ..models import EqualityMonitoring, MemberProfile
from . import forms as section_forms


@dataclass(frozen=True)
class Section:
    key: str  # as in ``completed_sections`` and ``factories.ALL_SECTIONS``
    slug: str  # the last part of the section's web address
    title: str
    form_class: type[forms.ModelForm]
    intro_template: str = ""

    def make_form(self, user, member: MemberProfile, data=None) -> forms.ModelForm:
        if self.form_class is section_forms.EqualityForm:
            instance = EqualityMonitoring.objects.filter(user=user).first()
            return self.form_class(data, instance=instance or EqualityMonitoring(user=user))
        if self.form_class is section_forms.AboutYouForm:
            return self.form_class(data, instance=member, user=user)
        return self.form_class(data, instance=member)


SECTIONS = [
    Section("about_you", "about-you", "About you", section_forms.AboutYouForm),
    Section(
        "lived_experience",
        "lived-experience",
        "Your lived experience",
        section_forms.LivedExperienceForm,
        "members/apply/intro/lived_experience.html",
    ),
    Section("skills", "skills", "Your skills and a short description", section_forms.SkillsForm),
    Section(
        "involvement",
        "involvement",
        "How you would like to be involved",
        section_forms.InvolvementForm,
    ),
    Section(
        "availability", "availability", "When you are available", section_forms.AvailabilityForm
    ),
    Section(
        "access_needs",
        "access-needs",
        "Communication and access needs",
        section_forms.AccessNeedsForm,
        "members/apply/intro/access_needs.html",
    ),
    Section("contact", "contact", "How to contact you", section_forms.ContactForm),
    Section(
        "payment",
        "payment",
        "Payment",
        section_forms.PaymentForm,
        "members/apply/intro/payment.html",
    ),
    Section(
        "emergency_contact",
        "emergency-contact",
        "Emergency contact",
        section_forms.EmergencyContactForm,
    ),
    Section(
        "equality",
        "equality",
        "Equality questions",
        section_forms.EqualityForm,
        "members/apply/intro/equality.html",
    ),
    Section(
        "consent",
        "consent",
        "Your consent",
        section_forms.ConsentForm,
        "members/apply/intro/consent.html",
    ),
]
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}
SECTION_KEYS = [section.key for section in SECTIONS]


def has_answers(form) -> bool:
    """Whether anything in a section has been answered yet (for 'In progress')."""
    for bound_field in form:
        value = bound_field.initial
        if value not in (None, "", [], (), False):
            return True
    return False


def display_value(bound_field) -> str:
    """What the person answered, in words, for the check-your-answers page."""
    field = bound_field.field
    value = bound_field.value()
    if isinstance(field, forms.ModelMultipleChoiceField):
        ids = [str(pk) for pk in (value or [])]
        return ", ".join(str(obj) for obj in field.queryset.filter(pk__in=ids))
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    if hasattr(field, "choices"):
        labels = {str(key): str(label) for key, label in field.choices}
        values = value if isinstance(value, list | tuple) else [value]
        return ", ".join(labels[str(v)] for v in values if v not in (None, "") and str(v) in labels)
    return str(value or "")
