"""Forms that editors build (suggestion box, feedback), and the charter partners sign.

``FormPage`` is Wagtail's form builder page, rendered with our NHS.UK markup, with an
optional "Send this anonymously" box and a honeypot against spam (see ``forms.py``).
Answers are stored as Wagtail ``FormSubmission`` rows and, if set, emailed.

``CharterPage`` shows a charter and a fixed form for organisations to sign it. Each
signature is a ``CharterSignature`` that editors approve in the admin; only approved
ones are listed on the page, and only by organisation name and website.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from modelcluster.fields import ParentalKey
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.core import ratelimit

from .forms import ANONYMOUS_FIELD, RESERVED_FIELD_NAMES, CharterSignForm, InvolveFormBuilder

# Short rich text: no headings, which would break the page's heading order.
SHORT_RICH_TEXT = ["bold", "italic", "link", "ol", "ul"]
# The charter itself has sections, under the page's own heading.
CHARTER_RICH_TEXT = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class FormField(AbstractFormField):
    """One question on a form page."""

    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")
    error_message = models.CharField(
        max_length=255,
        blank=True,
        help_text=(
            "What to tell people if they leave this empty, such as 'Enter your suggestion'. "
            "Leave blank for a general message."
        ),
    )
    identifies_person = models.BooleanField(
        "identifies the person",
        default=False,
        help_text=(
            "Tick for questions that say who someone is, such as their name, email address "
            "or phone number. If they send the form anonymously, we throw these answers away."
        ),
    )

    panels = AbstractFormField.panels + [
        FieldPanel("error_message"),
        FieldPanel("identifies_person"),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = "question"

    def clean(self):
        super().clean()
        if (self.clean_name or self.get_field_clean_name()) in RESERVED_FIELD_NAMES:
            raise ValidationError(
                {"label": "The form uses this name for itself. Choose a different label."}
            )


# Sends of public forms from one IP address an hour: plenty for a shared computer, too
# few for a script to flood the team's inbox (the honeypot catches the simpler scripts).
FORM_POST_LIMIT = 20
FORM_POST_WINDOW_SECONDS = 60 * 60


class FormPage(AbstractEmailForm):
    """A form built by editors, such as the suggestion box or a feedback form."""

    intro = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text="A few short sentences above the form: what it is for and who reads it.",
    )
    submit_button_text = models.CharField(
        max_length=60,
        default="Send",
        help_text="The words on the button that sends the form, such as 'Send suggestion'.",
    )
    allow_anonymous = models.BooleanField(
        default=False,
        help_text=(
            "Add a 'Send this anonymously' box. If someone ticks it, we do not keep or email "
            "their answers to the questions marked as identifying them."
        ),
    )
    thank_you_heading = models.CharField(
        max_length=255,
        default="Thank you",
        help_text="The heading people see after they send the form.",
    )
    thank_you_text = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text="What happens next: who reads the answers, and when and how we reply.",
    )

    form_builder = InvolveFormBuilder

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Questions"),
        FieldPanel("submit_button_text"),
        FieldPanel("allow_anonymous"),
        MultiFieldPanel(
            [FieldPanel("thank_you_heading"), FieldPanel("thank_you_text")],
            heading="After someone sends the form",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="Email the answers",
        ),
    ]
    search_fields = AbstractEmailForm.search_fields + [index.SearchField("intro")]

    subpage_types = []
    template = "formpages/form_page.html"
    landing_page_template = "formpages/form_page_landing.html"

    class Meta:
        verbose_name = "form page"

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and ratelimit.over_limit(
            request, scope="form-page", limit=FORM_POST_LIMIT, seconds=FORM_POST_WINDOW_SECONDS
        ):
            return ratelimit.too_many_requests(request, minutes=FORM_POST_WINDOW_SECONDS // 60)
        return super().serve(request, *args, **kwargs)

    def get_form_class(self):
        builder = self.form_builder(self.get_form_fields(), allow_anonymous=self.allow_anonymous)
        return builder.get_form_class()

    def get_data_fields(self):
        data_fields = super().get_data_fields()
        if self.allow_anonymous:
            data_fields.append((ANONYMOUS_FIELD, "Sent anonymously"))
        return data_fields

    def process_form_submission(self, form):
        """Store and email the answers, unless the honeypot caught a bot.

        Spam gets the same thank-you page as a person, so it learns nothing.
        """
        if form.is_spam:
            return None
        return super().process_form_submission(form)

    def send_mail(self, form):
        addresses = [address.strip() for address in self.to_address.split(",")]
        subject = self.subject or f"New answers to '{self.title}'"
        send_mail(subject, self.render_email(form), addresses, self.from_address)

    def render_email(self, form):
        """Each answer on its own line, in plain words ("Yes", not "True")."""
        lines = []
        for field in form:
            if field.name not in form.cleaned_data:
                continue
            value = form.cleaned_data[field.name]
            if isinstance(value, bool):
                value = "Yes" if value else "No"
            elif isinstance(value, list):
                value = ", ".join(value)
            elif isinstance(value, datetime.datetime):
                value = date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
            elif isinstance(value, datetime.date):
                value = date_format(value, "SHORT_DATE_FORMAT")
            lines.append(f"{field.label}: {value}")
        return "\n".join(lines)


class CharterPage(Page):
    """A charter that partner organisations sign, with the list of those that have."""

    intro = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text="A few short sentences at the top: what the charter is and who signs it.",
    )
    charter_text = RichTextField(
        features=CHARTER_RICH_TEXT,
        help_text=(
            "The charter itself. Start each section with a level 2 heading (H2); use level 3 "
            "(H3) for parts inside a section."
        ),
    )
    sign_intro = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text="Shown above the form to sign: who can sign and what happens next.",
    )
    thank_you_text = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT,
        help_text="Shown after someone signs: when we check it and when the name will appear.",
    )
    notify_email = models.EmailField(
        blank=True,
        help_text="We email this address when an organisation signs, so someone can approve it.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("charter_text"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=(
                        "Signatures wait under 'Charter signatures' in the menu until someone "
                        "approves them. Only approved organisations are listed on the page."
                    )
                ),
                FieldPanel("sign_intro"),
                FieldPanel("thank_you_text"),
                FieldPanel("notify_email"),
            ],
            heading="Signing the charter",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("charter_text"),
    ]

    subpage_types = []
    template = "formpages/charter_page.html"
    landing_page_template = "formpages/charter_page_landing.html"

    class Meta:
        verbose_name = "charter page"

    def get_context(self, request, *args, **kwargs):
        from .selectors import charter_signatories

        context = super().get_context(request, *args, **kwargs)
        context["signatories"] = charter_signatories(page=self)
        return context

    def serve(self, request, *args, **kwargs):
        from . import services

        if request.method == "POST":
            if ratelimit.over_limit(
                request,
                scope="charter-sign",
                limit=FORM_POST_LIMIT,
                seconds=FORM_POST_WINDOW_SECONDS,
            ):
                return ratelimit.too_many_requests(request, minutes=FORM_POST_WINDOW_SECONDS // 60)
            form = CharterSignForm(request.POST)
            if form.is_valid():
                signature = created = None
                if not form.is_spam:
                    signature, created = services.charter_sign(
                        page=self, **form.signature_details()
                    )
                context = self.get_context(request, *args, **kwargs)
                context.update(
                    signature=signature,
                    already_signed=created is False,
                    organisation_name=form.cleaned_data["organisation_name"],
                )
                return TemplateResponse(request, self.landing_page_template, context)
        else:
            form = CharterSignForm()
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request, *args, **kwargs), context)


class CharterSignature(models.Model):
    """An organisation's signature on a charter, waiting for, or given, approval."""

    page = models.ForeignKey(
        CharterPage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="signatures",
        help_text="The charter signed. Kept, without a page, if the page is deleted.",
    )
    organisation_name = models.CharField(
        max_length=255, help_text="Shown on the charter page once approved."
    )
    website = models.URLField(
        max_length=255,
        blank=True,
        help_text="The organisation's website. The name links to it once approved.",
    )
    contact_name = models.CharField(
        max_length=255, help_text="Who signed. Never shown on the website."
    )
    contact_role = models.CharField(
        max_length=255, blank=True, help_text="Their role in the organisation."
    )
    contact_email = models.EmailField(
        help_text="How to reach the person who signed. Never shown on the website."
    )
    signed_at = models.DateTimeField(default=timezone.now, help_text="When they signed.")
    is_approved = models.BooleanField(
        "approved",
        default=False,
        help_text=(
            "Tick once you have checked the organisation and the person signing for it. "
            "The organisation is then listed on the charter page."
        ),
    )
    approved_at = models.DateTimeField(
        null=True, blank=True, help_text="When the signature was approved."
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who approved the signature.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("website")],
            heading="Organisation",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("contact_email"),
            ],
            heading="Who signed",
        ),
        MultiFieldPanel(
            [
                FieldPanel("page", read_only=True),
                FieldPanel("signed_at", read_only=True),
                FieldPanel("is_approved"),
                FieldPanel("approved_at", read_only=True),
                FieldPanel("approved_by", read_only=True),
            ],
            heading="Approval",
        ),
    ]

    class Meta:
        ordering = ["is_approved", "-signed_at"]
        verbose_name = "charter signature"
        indexes = [models.Index(fields=["page", "is_approved"])]

    def __str__(self):
        return self.organisation_name
