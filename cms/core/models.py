from http import HTTPMethod

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

# Pages that only show content answer these; a POST to them is refused with 405.
READ_ONLY_METHODS = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Who runs this Involve site: shown in the header, footer, emails and documents."""

    # Every page's header and footer show these: fetched with the settings, not one by one.
    select_related = ["logo", "accessibility_statement", "privacy_notice", "contact_page"]

    organisation_name = models.CharField(
        max_length=120,
        default="Involve",
        help_text="The organisation's name as people know it, shown in the header and footer.",
    )
    organisation_descriptor = models.CharField(
        max_length=120,
        blank=True,
        help_text="A short line under the name, for example 'Experts by Experience programme'.",
    )
    logo = models.ForeignKey(
        "images.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Your organisation's logo. Leave empty to show the name only.",
    )
    show_nhs_logo = models.BooleanField(
        default=False,
        help_text="Only tick this if your organisation is part of the NHS and may use its logo.",
    )
    contact_email = models.EmailField(
        blank=True, help_text="The involvement team's email address, shown in the footer."
    )
    contact_phone = models.CharField(
        max_length=40,
        blank=True,
        help_text="A phone number people can call instead of using the site.",
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page with your accessibility statement, linked from every page's footer.",
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page with your privacy notice, linked from every page's footer and form.",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page that tells people how to get in touch.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("organisation_descriptor"),
                FieldPanel("logo"),
                FieldPanel("show_nhs_logo"),
            ],
            heading="Who you are",
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone")], heading="Contact"
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_statement"),
                FieldPanel("privacy_notice"),
                FieldPanel("contact_page"),
            ],
            heading="Footer links",
        ),
    ]

    class Meta:
        verbose_name = "organisation"
