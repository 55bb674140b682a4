"""An active member's own involvement-bank profile: a summary, and one page per topic.

Always the signed-in person's own record, found through ``MemberQuerySet.for_user``
and then narrowed to them, so there is no id in any address to change.
"""

from dataclasses import dataclass

from allauth.account import app_settings as account_settings
from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from cms.audit.services import record
from cms.members.models import MemberProfile

from . import forms

NOT_SHOWN = "Not given"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    form_class: type[forms.ProfileSectionForm]
    intro: str = ""


SECTIONS = [
    Section(
        "biography",
        "Your short biography",
        forms.BiographyForm,
        "Staff read this when they look for people to take part.",
    ),
    Section("expertise", "Your experience and expertise", forms.ExpertiseForm),
    Section("skills", "Your skills", forms.SkillsForm),
    Section("involvement", "How you would like to be involved", forms.InvolvementForm),
    Section("availability", "When you are available", forms.AvailabilityForm),
    Section(
        "access-needs",
        "Your access needs",
        forms.AccessNeedsForm,
        "Tell us what helps you take part. We plan every session around these.",
    ),
    Section("contact", "How we contact you", forms.ContactForm),
    Section("payment", "Payment", forms.PaymentForm),
    Section("emergency-contact", "Your emergency contact", forms.EmergencyContactForm),
]
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}
# Health information: the person enters their password again before seeing or changing it.
REAUTHENTICATE_SECTIONS = {"access-needs"}


def _holds_health_information(request) -> bool:
    return (
        account_settings.REAUTHENTICATION_REQUIRED
        and request.resolver_match.kwargs.get("section") in REAUTHENTICATE_SECTIONS
    )


def _own_active_profile(user) -> MemberProfile | None:
    return (
        MemberProfile.objects.for_user(user)
        .in_bank()
        .filter(user=user)
        .prefetch_related("expertise")
        .first()
    )


def _display(bound_field) -> str:
    """What a member sees for one answer: the labels of their choices, or their words."""
    field = bound_field.field
    value = bound_field.initial
    if value in (None, "", [], ()):
        return NOT_SHOWN
    if hasattr(field, "queryset"):
        names = [str(item) for item in value]
        return ", ".join(names) if names else NOT_SHOWN
    choices = getattr(field, "choices", None)
    if choices:
        labels = {str(key): label for key, label in choices}
        values = value if isinstance(value, (list, tuple)) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    return str(value)


def _summary(profile: MemberProfile) -> list[dict]:
    summary = []
    for section in SECTIONS:
        form = section.form_class(instance=profile)
        summary.append(
            {
                "section": section,
                "rows": [
                    {"label": bound_field.label, "value": _display(bound_field)}
                    for bound_field in form
                ],
            }
        )
    return summary


def _not_active(request):
    messages.info(
        request,
        "Your involvement profile opens once you are an active member. "
        "If you have applied, we will be in touch about the next step.",
    )
    return redirect("members:account")


@login_required
def profile_summary(request):
    profile = _own_active_profile(request.user)
    if profile is None:
        return _not_active(request)
    return render(
        request,
        "members/profile/summary.html",
        {"page_title": "Your involvement profile", "summary": _summary(profile)},
    )


@login_required
@reauthentication_required(enabled=_holds_health_information)
def profile_section(request, section):
    profile = _own_active_profile(request.user)
    if profile is None:
        return _not_active(request)
    try:
        section = SECTIONS_BY_SLUG[section]
    except KeyError:
        raise Http404("There is no such part of your profile.") from None
    if request.method == "POST":
        form = section.form_class(request.POST, instance=profile)
        if form.is_valid():
            form.save()
            record(
                actor=request.user,
                action="changed",
                subject_type="profile",
                subject_id=profile.pk,
                member=profile,
                summary=f"Changed their own profile: {section.title}",
            )
            messages.success(
                request,
                f"We have saved your changes to {section.title[0].lower()}{section.title[1:]}.",
            )
            return redirect("members:profile:summary")
    else:
        form = section.form_class(instance=profile)
    return render(
        request,
        "members/profile/section.html",
        {"page_title": section.title, "section": section, "form": form},
    )
