"""Fixtures for the form page and charter tests."""

import pytest

from cms.formpages.factories import (
    CharterPageFactory,
    FormFieldFactory,
    FormPageFactory,
)


@pytest.fixture
def suggestion_page(home_page, site):
    """A suggestion box that allows anonymous answers and emails the team."""
    page = FormPageFactory(
        parent=home_page,
        title="Suggestion box",
        slug="suggestion-box",
        allow_anonymous=True,
        submit_button_text="Send suggestion",
        thank_you_heading="Thank you for your suggestion",
        to_address="involve@example.org",
        subject="A new suggestion",
    )
    for options in [
        {
            "label": "Your suggestion",
            "field_type": "multiline",
            "help_text": "What could be better.",
            "error_message": "Enter your suggestion",
        },
        {
            "label": "Which service is it about?",
            "field_type": "dropdown",
            "required": False,
            "choices": "Adult social care\nSupport for carers",
        },
        {
            "label": "How would you rate it?",
            "field_type": "radio",
            "choices": "Good\nOK\nPoor",
        },
        {"label": "Your name", "required": False, "identifies_person": True},
        {
            "label": "Your email address",
            "field_type": "email",
            "required": False,
            "identifies_person": True,
        },
        {
            "label": "You can contact me about my suggestion",
            "field_type": "checkbox",
            "required": False,
        },
    ]:
        FormFieldFactory(page=page, **options)
    page.save_revision().publish()
    return page


@pytest.fixture
def charter_page(home_page, site):
    page = CharterPageFactory(parent=home_page, notify_email="involve@example.org")
    page.save_revision().publish()
    return page


@pytest.fixture
def admin_renderer(settings):
    # The admin's widgets need Django's own form renderer; the NHS.UK one is for public forms.
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
