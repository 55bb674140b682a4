"""The managed list of service areas shared by opportunities, members and bulletins."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class ServiceArea(index.Indexed, models.Model):
    """An area of health or social care, such as dementia or mental health.

    Editors keep one short list so that opportunities, members' areas of expertise
    and bulletin segments all use the same words.
    """

    name = models.CharField(
        max_length=100,
        unique=True,
        help_text="The name people know it by, for example 'Mental health' or 'Carers'.",
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=(
            "A short name for web addresses, for example 'mental-health'. "
            "Changing it breaks links that people have shared."
        ),
    )
    description = models.TextField(
        blank=True,
        help_text="One or two plain sentences saying who or what this area covers.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "service area"

    def __str__(self):
        return self.name
