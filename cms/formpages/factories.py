"""Test and demo data for form pages and the charter, built the same way editors build them.

page = FormPageFactory(parent=home_page, allow_anonymous=True)
FormFieldFactory(page=page, label="Your name", identifies_person=True, required=False)
charter = CharterPageFactory(parent=home_page)
CharterSignatureFactory(page=charter, approved=True)
"""

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify

from .models import CharterPage, CharterSignature, FormField, FormPage


class FormPageFactory(wagtail_factories.PageFactory):
    """A form with no questions yet that emails nobody. Add questions with FormFieldFactory."""

    class Meta:
        model = FormPage

    title = factory.Sequence(lambda n: f"Form {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    intro = "<p>Tell us what you think. We read every answer.</p>"
    submit_button_text = "Send"
    allow_anonymous = False
    thank_you_heading = "Thank you"
    thank_you_text = "<p>The involvement team reads every answer within 5 working days.</p>"
    to_address = ""


class FormFieldFactory(factory.django.DjangoModelFactory):
    """A required single-line question. Pass ``page=``, or ``.build()`` one for a new page."""

    class Meta:
        model = FormField

    label = factory.Sequence(lambda n: f"Question {n + 1}")
    field_type = "singleline"
    required = True
    choices = ""
    default_value = ""
    help_text = ""
    error_message = ""
    identifies_person = False


class CharterPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CharterPage

    title = "Involvement charter"
    slug = "charter"
    intro = "<p>Our promise to the people who use services and their carers.</p>"
    charter_text = (
        "<h2>What we promise</h2><ul><li>We involve people before we decide.</li>"
        "<li>We pay people's expenses.</li></ul>"
    )
    sign_intro = "<p>Anyone who can sign for their organisation can sign here.</p>"
    thank_you_text = "<p>We check every signature within 5 working days.</p>"
    notify_email = ""


class CharterSignatureFactory(factory.django.DjangoModelFactory):
    """A signature waiting for approval. Pass ``page=``; ``approved=True`` approves it."""

    class Meta:
        model = CharterSignature

    organisation_name = factory.Sequence(lambda n: f"Partner organisation {n + 1}")
    website = factory.LazyAttribute(lambda obj: f"https://www.{slugify(obj.organisation_name)}.org")
    contact_name = "Jo Bloggs"
    contact_role = "Chief executive"
    contact_email = factory.Sequence(lambda n: f"signer{n}@example.org")
    is_approved = False
    approved_at = None

    class Params:
        approved = factory.Trait(is_approved=True, approved_at=factory.LazyFunction(timezone.now))
