from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import BodyStreamBlock

from .blocks import HomeStreamBlock


class HomePage(Page):
    """The site's front page, composed from blocks."""

    introduction = models.TextField(
        blank=True, help_text="A sentence or two for search engines and link previews."
    )
    body = StreamField(HomeStreamBlock(), blank=True, help_text="Build the home page from blocks.")

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "home/home_page.html"

    class Meta:
        verbose_name = "home page"


class StandardPage(Page):
    """A general page: the accessibility statement, privacy notice, contact details, 'Get involved'."""

    introduction = models.TextField(
        blank=True, help_text="A short summary shown at the top of the page and in search results."
    )
    body = StreamField(BodyStreamBlock(), blank=True, help_text="The page's content.")
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When someone last checked this page was still right."
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    template = "home/standard_page.html"

    class Meta:
        verbose_name = "general page"
