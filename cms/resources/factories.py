"""Test and demo data for resources.

index = ResourceIndexPageFactory(parent=home_page)
standard = ResourcePageFactory(parent=index, category=ResourceCategory.POLICIES)
easy_read = ResourcePageFactory(parent=index, easy_read_of=standard)
"""

import factory
import wagtail_factories
from django.utils.text import slugify
from wagtail.rich_text import RichText

from .models import ResourceCategory, ResourceIndexPage, ResourcePage


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    """The Resources page: pass ``parent=home_page``."""

    class Meta:
        model = ResourceIndexPage

    title = "Resources"
    slug = "resources"
    show_in_menus = True
    introduction = "The welcome pack, our policies and support sheets, with Easy Read versions."


class ResourcePageFactory(wagtail_factories.PageFactory):
    """A support sheet with one paragraph: pass ``parent=resource_index``."""

    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Resource {n + 1}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    category = ResourceCategory.SUPPORT_SHEETS
    summary = "What this resource is for, in a sentence."
    body = factory.LazyFunction(
        lambda: [("text", RichText("<p>Everything you need to know, in plain English.</p>"))]
    )
    document = None
    easy_read_of = None
    last_reviewed = None
